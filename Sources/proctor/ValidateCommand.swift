import ArgumentParser
import Foundation
import ProctorRun

/// `proctor validate`: loads suites, builds every fixture and runs every gold query once; grades nothing.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check suites: build fixtures, run gold queries, compile tests, prove solutions pass and mutants fail.",
        discussion: """
            Grades no model answer. Each case's `solution` must pass and none of its `mutants` may pass. Warns when \
            a gold query or solution reads the clock or randomness (an error with --strict) and when a case's \
            timeout is below max(1 s, 4 × its solution's time).

            Exit codes: 0 all suites valid; 2 a suite, fixture, gold query, Python tests, solution or mutant has a \
            problem.
            """)

    @OptionGroup var suites: SuitePaths

    @OptionGroup(title: "Selection (every suite is still loaded and read)") var selection: SelectionOptions

    @Flag(help: "Treat a gold query or solution that reads the clock or randomness as an error.")
    var strict = false

    func run() async throws {
        let checked = try await Evaluation().validate(
            paths: suites.paths, jobs: ProcessInfo.processInfo.activeProcessorCount, strict: strict,
            neighbourCache: ReportPaths.neighbourCache(besideReportsIn: URL(fileURLWithPath: "reports")),
            selection: try selection.selection())
        Console.standardError.diagnostics(checked.warnings)
        for entry in checked.notes {
            for note in entry.notes { Console.standardOutput.line("\(entry.suite)/\(entry.caseID): \(note)") }
        }
        Console.standardOutput.line(
            "ok: \(checked.suites) suite(s), \(checked.cases) case(s), fixtures, gold queries and Python tests checked; "
                + "\(checked.solutions) solution(s) pass, \(checked.mutants) mutant(s) fail")
    }
}
