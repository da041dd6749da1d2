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

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
