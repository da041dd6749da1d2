import ArgumentParser
import Foundation
import ProctorRun

/// `proctor validate`: loads suites, builds every fixture and runs every gold query once; grades nothing.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check suites: build their fixtures, run their gold queries, compile their Python tests.",
        discussion: """
            Grades nothing. Exit codes: 0 all suites valid; 2 a suite, fixture, gold query or Python tests have a \
            problem.
            """)

    @OptionGroup var suites: SuitePaths

    func run() async throws {
        let checked = try await Evaluation().validate(
            paths: suites.paths, jobs: ProcessInfo.processInfo.activeProcessorCount,
            neighbourCache: ReportPaths.neighbourCache(besideReportsIn: URL(fileURLWithPath: "reports")))
        for entry in checked.notes {
            for note in entry.notes { Console.standardOutput.line("\(entry.suite)/\(entry.caseID): \(note)") }
        }
        Console.standardOutput.line(
            "ok: \(checked.suites) suite(s), \(checked.cases) case(s), fixtures, gold queries and Python tests checked")
    }
}
