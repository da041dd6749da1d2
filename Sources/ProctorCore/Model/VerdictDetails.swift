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
        case tracebackTail = "traceback_tail"
        case editApplied = "edit_applied"
    }
}
