import ProctorCore
import ProctorPython
import ProctorSQL

/// The graders Proctor ships, by pattern, for the suites of one command.
struct Wiring {
    var graders: [Pattern: any Grader]
    /// The Python sandbox's isolation, when the suites have Python cases.
    var isolation: SandboxIsolation?

    /// Starts the Python sandbox (with `jobs` warm workers) only when a suite has a Python case.
    init(for suites: [Suite], jobs: Int) throws {
        graders = [.sql: SQLGrader(), .explain: ExplainGrader()]
        let python: Set<Pattern> = [.commentsToCode, .completion]
        guard suites.contains(where: { $0.cases.contains { python.contains($0.pattern) } }) else { return }
        let sandbox = try PythonSandbox(warmWorkers: jobs)
        let grader = PythonGrader(sandbox: sandbox)
        graders[.commentsToCode] = grader
        graders[.completion] = grader
        isolation = sandbox.isolation
    }

    /// Run-level facts for the scorecards.
    var properties: [String: String] {
        isolation.map { ["sandbox": $0.description] } ?? [:]
    }
}
