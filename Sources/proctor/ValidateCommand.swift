import ArgumentParser
import Foundation
import ProctorCore
import ProctorSuites

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
        let loaded = try SuiteLoader().load(paths: suites.paths)
        let jobs = ProcessInfo.processInfo.activeProcessorCount
        let prepared = try await Runner(graders: try Wiring(for: loaded, jobs: jobs).graders, jobs: jobs).prepare(loaded)
        Console.standardOutput.line(
            "ok: \(loaded.count) suite(s), \(prepared.caseCount) case(s), fixtures, gold queries and Python tests checked")
    }
}
