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
    /// Every round of the repair loop, first to last, when the case allows repair (`verdict` is the last one's);
    /// empty otherwise.
    public var rounds: [GradedRound] = []
    /// Why the repair loop stopped before its last round though the answer did not pass (no recorded answer for
    /// the next round, ...); nil when it ran as far as it could.
    public var repairStopped: String?

    public init(sample: Sample, pattern: Pattern, verdict: Verdict, duration: Double) {
        self.sample = sample
        self.pattern = pattern
        self.verdict = verdict
        self.duration = duration
    }
}

extension GradedSample {
    /// The verdict of the first answer, before any feedback.
    public var firstVerdict: Verdict { rounds.first?.verdict ?? verdict }
}
