import ArgumentParser
import ProctorCore
import ProctorRun

/// The flags that select which of the loaded cases a command works on; `run` adds `--rerun-failed`.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("suite"), help: ArgumentHelp(
        "Only the suites whose name matches this glob; repeat for several.", valueName: "glob"))
    var suites: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp(
        "Only the cases whose id (or suite/id) matches this glob; repeat for several.", valueName: "glob"))
    var cases: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp(
        "Only the cases with this tag (`tags:`); repeat for several (any of them).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("pattern"), help: ArgumentHelp(
        "Only the cases of this pattern (sql, explain, ...); repeat for several.", valueName: "pattern"))
    var patterns: [String] = []

    func validate() throws {
        let known = PatternRegistry.shipped.names
        for pattern in patterns where !known.contains(Pattern(pattern)) {
            throw ValidationError("unknown pattern '\(pattern)' in --pattern; one of: \(known.map(\.rawValue).joined(separator: ", "))")
        }
        for value in suites + cases + tags where value.isEmpty {
            throw ValidationError("--suite, --case and --tag take a non-empty value")
        }
    }

    /// The selection these flags make, with the cases that did not pass in `rerunFailed` (a results file).
    func selection(rerunFailed: String? = nil) throws -> CaseSelection {
        CaseSelection(
            suites: suites, cases: cases, tags: tags, patterns: patterns.map { Pattern($0) },
            failed: try rerunFailed.map { try FailedCases.read($0) })
    }
}

/// `run`'s `--rerun-failed`: the cases that did not pass in an earlier run's results.
struct RerunOption: ParsableArguments {
    @Option(name: .customLong("rerun-failed"), help: ArgumentHelp(
        "Only the cases with a sample that did not pass in this results file (all their samples are graded again).",
        valueName: "results"))
    var rerunFailed: String?
}
