import ProctorCore

/// What a run tells its caller while it works; the library never prints, the caller decides how to show it.
public protocol EvaluationObserver: Sendable {
    /// A fact about the run worth one line: the sandbox's isolation, the shard, warm workers that failed.
    func note(_ line: String)
    /// Problems of the input that did not stop the run (e.g. responses the source skipped).
    func warn(_ diagnostics: [Diagnostic])
    /// Grading starts: `total` samples.
    func grading(total: Int)
    /// One sample was graded (from any task, in completion order).
    func graded(_ sample: GradedSample)
    /// Grading is over.
    func gradingFinished()
}

extension EvaluationObserver {
    public func note(_ line: String) {}
    public func warn(_ diagnostics: [Diagnostic]) {}
    public func grading(total: Int) {}
    public func graded(_ sample: GradedSample) {}
    public func gradingFinished() {}
}

/// An observer that ignores everything.
public struct SilentObserver: EvaluationObserver {
    public init() {}
}
