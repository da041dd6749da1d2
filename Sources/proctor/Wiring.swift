import ProctorCore
import ProctorPython
import ProctorSQL

/// The graders Proctor ships, by pattern, for the suites of one command.
struct Wiring {
    var graders: [Pattern: any Grader]
    /// The Python sandbox, when the suites have Python cases.
    var sandbox: PythonSandbox?

    /// Starts the Python sandbox (with `jobs` warm workers) only when a suite has a Python case.
    init(for suites: [Suite], jobs: Int) throws {
        graders = [.sql: SQLGrader(), .explain: ExplainGrader()]
        let python: Set<Pattern> = [.commentsToCode, .completion]
        guard suites.contains(where: { $0.cases.contains { python.contains($0.pattern) } }) else { return }
        let sandbox = try PythonSandbox(warmWorkers: jobs)
        let grader = PythonGrader(sandbox: sandbox)
        graders[.commentsToCode] = grader
        graders[.completion] = grader
        self.sandbox = sandbox
    }

    /// Run-level facts for the scorecards: the sandbox's isolation, and warm workers that failed.
    var properties: [String: String] {
        guard let sandbox else { return [:] }
        var properties = ["sandbox": sandbox.isolation.description]
        if sandbox.warmFailures > 0 { properties["warm_worker_failures"] = String(sandbox.warmFailures) }
        return properties
    }
}
