/// The parts of a verdict beyond its one-line reason, for the reports and for a model asked to repair its answer.
///
/// Every field is optional; a grader fills those it knows.
public struct VerdictDetails: Sendable, Hashable, Codable {
    /// What kind of result this is, in a few words a program can match: `tests-failed`, `wrong-rows`, `timeout`.
    public var kind: String?
    /// The test statement that failed, as written in the case.
    public var statement: String?
    /// The exception it raised, e.g. `AssertionError` or `TypeError: unsupported operand`.
    public var exception: String?
    /// The last lines of the traceback or error output.
    public var tracebackTail: String?
    /// What the check expected (rows, output), as text.
    public var expected: String?
    /// What the response produced, as text.
    public var got: String?
    /// For an answer that edits given code: whether the edit applied (a malformed one is an `error`).
    public var editApplied: Bool?
    /// For an explanation judged by a model: what the judge said.
    public var judge: JudgeDetails?

    public init(
        kind: String? = nil, statement: String? = nil, exception: String? = nil, tracebackTail: String? = nil,
        expected: String? = nil, got: String? = nil, editApplied: Bool? = nil
    ) {
        self.kind = kind
        self.statement = statement
        self.exception = exception
        self.tracebackTail = tracebackTail
        self.expected = expected
        self.got = got
        self.editApplied = editApplied
    }

    /// Whether no field is set.
    public var isEmpty: Bool { self == VerdictDetails() }

    enum CodingKeys: String, CodingKey {
        case kind, statement, exception, expected, got
        case judge
        case tracebackTail = "traceback_tail"
        case editApplied = "edit_applied"
    }
}

/// What a model judge said about one explanation.
public struct JudgeDetails: Sendable, Hashable, Codable {
    /// The judge model.
    public var model: String
    /// Its settings (``JudgeIdentity/settings``).
    public var settings: String?
    /// `pass` when every criterion was met, `fail` when one was not, `error` when the judge gave no usable answer.
    public var verdict: Verdict.Outcome
    /// The 1-based numbers of the criteria not met.
    public var unmet: [Int]
    /// Whether the judge only advised: its measured agreement was below the case's `min_kappa`, or never measured.
    public var advisory: Bool
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var costUSD: Double?

    public init(model: String, verdict: Verdict.Outcome, unmet: [Int] = [], advisory: Bool = false, usage: Usage? = nil) {
        self.model = model
        self.verdict = verdict
        self.unmet = unmet
        self.advisory = advisory
        promptTokens = usage?.promptTokens
        completionTokens = usage?.completionTokens
        costUSD = usage?.cost
    }

    /// The tokens and cost of asking the judge.
    public var usage: Usage? {
        guard let promptTokens, let completionTokens else { return nil }
        return Usage(promptTokens: promptTokens, completionTokens: completionTokens, cost: costUSD)
    }

    enum CodingKeys: String, CodingKey {
        case model, settings, verdict, unmet, advisory
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", costUSD = "cost_usd"
    }
}
