/// The kind of task a case poses to the model, which decides how its suite keys are read and its responses graded.
///
/// Patterns are open: each is defined, with its reader and grader, where it is registered (see docs/patterns.md).
public struct Pattern: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name suites use in `pattern:`.
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ name: String) {
        self.init(rawValue: name)
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
