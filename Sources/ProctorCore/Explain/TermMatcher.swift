import Foundation

/// One `mentions`/`forbids` term as a matcher: whole words and phrases, case-insensitively; a trailing `*` matches
/// a word's continuations (`join*`: join, joins, joined); `re:` introduces a regular expression.
public struct TermMatcher: Sendable {
    /// The term as the suite wrote it.
    public let term: String
    private let expression: NSRegularExpression

    /// The matcher of `term`, or a message saying why its regular expression is invalid.
    public init(_ term: String) throws(TermError) {
        self.term = term
        let pattern: String
        if term.hasPrefix("re:") {
            pattern = String(term.dropFirst(3))
        } else {
            var text = Self.fold(term).trimmingCharacters(in: .whitespaces)
            let continues = text.hasSuffix("*")
            if continues { text.removeLast() }
            let words = text.split(whereSeparator: \.isWhitespace).map { NSRegularExpression.escapedPattern(for: String($0)) }
            var body = words.joined(separator: "\\s+")
            if continues { body += "[\\p{L}\\p{N}_]*" }
            let starts = text.first.map(Self.isWordCharacter) ?? false
            let ends = continues || (text.last.map(Self.isWordCharacter) ?? false)
            pattern = (starts ? "(?<![\\p{L}\\p{N}_])" : "") + body + (ends ? "(?![\\p{L}\\p{N}_])" : "")
        }
        do {
            expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            throw TermError(message: "invalid regular expression in '\(term)'")
        }
    }

    /// Whether `text` contains the term.
    public func matches(_ text: String) -> Bool {
        let folded = Self.fold(text)
        return expression.firstMatch(in: folded, range: NSRange(folded.startIndex..., in: folded)) != nil
    }

    /// Unicode-aware case and width folding, applied to terms and texts alike.
    static func fold(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}

/// A term that cannot be matched, and why.
public struct TermError: Error, Sendable {
    public var message: String
}
