import ArgumentParser
import Foundation
import ProctorCore
import ProctorRun

/// `proctor merge`: one report from the results of several shards (or runs), with the totals of one run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the results files of shards into the reports of one run, and gate it.",
        discussion: """
            Reads results files (as `proctor run --results` writes them, e.g. one per `--shard`) and writes the \
            samples of all of them as the one run would have: results, JUnit scorecard, Markdown summary and HTML \
            report, in the order of --suites, and appends the merged run to the history once. A sample that two \
            files both graded means the shards overlap; a sample of a case the suites do not hold means the wrong \
            suites; both are bad input. The gates (the flags below, --config's `gates:`, and the `min_pass_rate` of \
            each suite the files hold samples of) are checked on the merged run.

            Exit codes: 0 merged and gates met; 1 a gate failed; 2 unreadable files, overlapping shards, samples \
            of unknown cases or a gate naming no suite or pattern of the run.
            """)

    @Argument(help: ArgumentHelp("Results files (JSON Lines) to combine.", valueName: "results"))
    var files: [String]

    @Option(help: ArgumentHelp("Merged results to write.", valueName: "file"))
    var results: String = "reports/results.jsonl"

    @Option(help: ArgumentHelp("Merged JUnit XML scorecard to write.", valueName: "file"))
    var junit: String = "reports/junit.xml"

    @Option(help: ArgumentHelp("Merged Markdown summary to write.", valueName: "file"))
    var summary: String = "reports/summary.md"

    @Option(help: ArgumentHelp("Merged HTML report to write.", valueName: "file"))
    var html: String = "reports/index.html"

    @Option(help: ArgumentHelp("The history database the merged run is appended to, once.", valueName: "file"))
    var history: String = "reports/history.sqlite"

    @Flag(name: .customLong("no-history"), help: "Do not append the merged run to the history.")
    var noHistory = false

    @Option(name: .customLong("suites"), help: ArgumentHelp(
        "The suites the shards ran (files or folders; repeat for several): they order the report and set its gates.",
        valueName: "path"))
    var suitePaths: [String] = ["suites"]

    @Option(help: ArgumentHelp("The run configuration the shards ran with: its `gates:` are checked.", valueName: "file"))
    var config: String?

    @OptionGroup(title: "Gates") var gates: GateOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one results file") }
    }

    func run() throws {
        let registry = PatternRegistry.shipped
        let configuration = try config.map { try registry.configurationLoader.load(path: $0) }
        let outcome = try ShardMerge(registry: registry).merge(
            files: files, suitePaths: suitePaths,
            gates: try gates.gates(patterns: registry.names, more: configuration?.gates ?? []),
            expectedGroups: configuration.map { configuration in
                configuration.models.flatMap { model in
                    (configuration.variants.isEmpty ? [nil] : configuration.variants.map(Optional.some)).map {
                        SampleKey(suite: "", caseID: "", sampleID: "", model: model.model, variant: $0)
                    }
                }
            },
            reports: ReportPaths(
                junit: junit, results: results, summary: summary, html: html, history: noHistory ? nil : history))
        let tally = outcome.report.tally
        let console = Console.standardOutput
        console.line(String(
            format: "merged %d file(s): %d passed, %d failed, %d errors, %.1f%%", files.count, tally.passed, tally.failed,
            tally.errors, tally.passRate * 100))
        console.wrote(outcome.written)
        console.gates(outcome.gates)
        if !outcome.gatesMet { throw ExitCode(ExitStatus.gateFailed) }
    }
}
