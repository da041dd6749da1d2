/// A model that judges explanations: asked one message, answers text. Recorded and replayed like any model.
public protocol Judge: Sendable {
    /// The judge model and its settings, as the reports name them.
    var identity: JudgeIdentity { get }

    /// The judge's answer to `request`.
    ///
    /// Throws `BadInput` for a recording that is missing and cannot be asked for (with the command that records it).
    func answer(_ request: JudgeRequest) async throws -> JudgeReply

    /// Loads what the judge needs for `suites` (its recordings), before any sample is graded.
    func start(_ suites: [Suite]) async throws

    /// Called once every sample is graded: tidies the recordings.
    func finish() async throws
}

extension Judge {
    public func start(_ suites: [Suite]) async throws {}
    public func finish() async throws {}
}

/// The judge model and the settings it is asked with: what a calibration was measured for.
public struct JudgeIdentity: Sendable, Hashable, Codable {
    public var model: String
    /// `temperature=0 seed=0`, the settings as given, sorted: part of what a calibration is stored under.
    public var settings: String

    public init(model: String, settings: String) {
        self.model = model
        self.settings = settings
    }
}

/// One question to the judge: the message, and the case it is about.
public struct JudgeRequest: Sendable, Hashable {
    public var suite: String
    public var caseID: String
    public var message: String
    /// The case, for a diagnostic.
    public var location: SourceLocation?

    public init(suite: String, caseID: String, message: String, location: SourceLocation? = nil) {
        self.suite = suite
        self.caseID = caseID
        self.message = message
        self.location = location
    }
}

/// What asking the judge gave.
public enum JudgeReply: Sendable {
    case answered(text: String, usage: Usage?)
    /// The judge could not be reached, or refused: the sample is an `error` that is the judge's, never a `fail`.
    case unreachable(String)
}
