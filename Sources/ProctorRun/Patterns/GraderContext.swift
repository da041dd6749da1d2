import Foundation
import ProctorCore
import ProctorPython

/// What the graders of one run share: the number of jobs, and the Python sandbox, started on first use.
public final class GraderContext {
    /// Samples graded at once, and warm Python workers kept.
    public let jobs: Int
    /// Where graders may keep what they derive from a case between runs (SQL neighbours); nil keeps nothing.
    public let neighbourCache: URL?
    /// The Python sandbox, once a pattern asked for it.
    public private(set) var pythonSandbox: PythonSandbox?
    /// The judge of explain cases with `judge:` criteria; nil decides them by their other checks.
    public let judge: (any Judge)?
    /// The judges' measured agreement with people.
    public let calibrations: JudgeCalibrations

    public init(
        jobs: Int, neighbourCache: URL? = nil, judge: (any Judge)? = nil, calibrations: JudgeCalibrations = JudgeCalibrations()
    ) {
        self.jobs = jobs
        self.neighbourCache = neighbourCache
        self.judge = judge
        self.calibrations = calibrations
    }

    /// The run's Python sandbox with `jobs` warm workers, started the first time a grader needs it.
    public func sandbox() throws -> PythonSandbox {
        if let pythonSandbox { return pythonSandbox }
        let sandbox = try PythonSandbox(warmWorkers: jobs)
        pythonSandbox = sandbox
        return sandbox
    }

    /// Run-level facts for the scorecards: the sandbox's isolation, and warm workers that failed.
    public var properties: [String: String] {
        guard let pythonSandbox else { return [:] }
        var properties = ["sandbox": pythonSandbox.isolation.description]
        if pythonSandbox.warmFailures > 0 { properties["warm_worker_failures"] = String(pythonSandbox.warmFailures) }
        return properties
    }
}
