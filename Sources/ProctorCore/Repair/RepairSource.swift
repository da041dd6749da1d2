/// Where the answers of a repair loop's later rounds come from: recorded lines with a `round`, a model's cassettes,
/// or the model itself.
public protocol RepairSource: Sendable {
    /// The answer to `request`'s conversation; `.missing` when the source has none and cannot get one.
    func answer(_ request: RepairRequest) async throws -> RepairAnswer

    /// Called once every sample is graded: tidies what answering recorded (sorts the cassettes).
    func finish() async throws
}

extension RepairSource {
    public func finish() async throws {}
}

/// One turn of a repair loop that was graded and failed: the answer and the feedback it drew.
public struct RepairTurn: Sendable, Hashable {
    public var answer: String
    public var feedback: String
    /// What failed, in the verdict's stable parts (outcome, kind, failing statement): part of a later turn's
    /// recording key where the feedback text, which can hold timings or addresses, is not.
    public var failure: String

    public init(answer: String, feedback: String, failure: String = "") {
        self.answer = answer
        self.feedback = feedback
        self.failure = failure
    }

    /// The stable parts of `verdict`.
    public static func failure(of verdict: Verdict) -> String {
        [verdict.outcome.rawValue, verdict.details.kind ?? "", verdict.details.statement ?? ""].joined(separator: "|")
    }
}

/// What a later round asks: the first sample, its case and every earlier turn.
public struct RepairRequest: Sendable {
    /// The sample as first answered (its model, variant and sample id say whose conversation this is).
    public var sample: Sample
    public var suite: Suite
    public var testCase: Case
    /// The earlier rounds, oldest first; the next answer is round `turns.count + 1`.
    public var turns: [RepairTurn]

    public init(sample: Sample, suite: Suite, testCase: Case, turns: [RepairTurn]) {
        self.sample = sample
        self.suite = suite
        self.testCase = testCase
        self.turns = turns
    }

    /// The round being asked for (2 for the first repair).
    public var round: Int { turns.count + 1 }

    /// The feedback template of the case: part of every later turn's recording key.
    public var template: FeedbackTemplate { testCase.feedback ?? .standard }
}

/// The answer of one later round.
public enum RepairAnswer: Sendable {
    /// The answer, with where it was read and what asking for it cost.
    case answered(response: String, usage: Usage?, origin: SourceLocation?, modelVersion: String?)
    /// No answer recorded for the round, and none can be asked for: a problem of the recordings (exit 2).
    case missing(Diagnostic)
    /// The source has no later rounds for this sample: the loop stops at the last graded round, and the report says so.
    case unavailable(String)
}
