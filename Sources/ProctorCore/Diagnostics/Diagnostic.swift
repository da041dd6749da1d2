/// A problem with the user's input, located in a file where possible, with what to do about it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// What the user can do about it.
    public var hint: String?

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint)
    }

    /// `file:line: error: message (hint)`, the form compilers and editors understand.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

extension Diagnostic {
    /// The most diagnostics shown at once; the others are counted on one last line.
    public static let shownLimit = 50

    /// The text a person is shown for `diagnostics`: the first ``shownLimit``, then `... and N more` when some
    /// were cut.
    public static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.prefix(shownLimit).map(\.description)
            + (diagnostics.count > shownLimit ? ["... and \(diagnostics.count - shownLimit) more"] : [])
    }
}
