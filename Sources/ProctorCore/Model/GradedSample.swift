/// A sample together with its verdict: one line of the results file, one testcase of the scorecard.
public struct GradedSample: Sendable, Hashable {
    public var sample: Sample
    public var pattern: Pattern
    public var verdict: Verdict
    /// Time spent grading, in seconds.
    public var duration: Double
    /// Whether grading took 80 % or more of the case's time limit: a slow machine shows here before it fails
    /// right answers.
    public var nearLimit = false

    public init(sample: Sample, pattern: Pattern, verdict: Verdict, duration: Double) {
        self.sample = sample
        self.pattern = pattern
        self.verdict = verdict
        self.duration = duration
    }
}
