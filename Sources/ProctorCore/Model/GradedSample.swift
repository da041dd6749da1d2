/// A sample together with its verdict: one line of the results file, one testcase of the scorecard.
public struct GradedSample: Sendable, Hashable {
    public var sample: Sample
    public var pattern: Pattern
    public var verdict: Verdict
    /// Time spent grading, in seconds.
    public var duration: Double

    public init(sample: Sample, pattern: Pattern, verdict: Verdict, duration: Double) {
        self.sample = sample
        self.pattern = pattern
        self.verdict = verdict
        self.duration = duration
    }
}
