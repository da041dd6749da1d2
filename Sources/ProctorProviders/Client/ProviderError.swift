/// Why a model server gave no answer to record. Its text never holds the API key.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The server refused in a way retrying cannot fix (401, 403, 404 model, 400): stop the run.
        case permanent
        /// Retries ran out on 429s, 5xx, timeouts, dropped connections or malformed answers.
        case unavailable
    }

    public var kind: Kind
    public var message: String
    /// The HTTP status of a refusal, when the server gave one.
    public var status: Int?

    public init(_ kind: Kind, _ message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
    }

    /// Whether the server refused this request for what it holds (400, 413, 422: too long, malformed), not for who
    /// asked or which model (401, 403, 404): another request may well be answered.
    public var refusesThisRequest: Bool { kind == .permanent && [400, 413, 422].contains(status ?? 0) }

    public var description: String { message }
}
