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
            // `join*` continues the word; `SELECT *`, a star after a space, is a literal star.
            let continues = text.hasSuffix("*") && !text.hasSuffix(" *") && text.count > 1
            if continues { text.removeLast() }
            let words = text.split(whereSeparator: \.isWhitespace).map { NSRegularExpression.escapedPattern(for: String($0)) }
            var body = words.joined(separator: "\\s+")
            if continues { body += "[\\p{L}\\p{N}]*" }
            let starts = text.first.map(Self.isWordCharacter) ?? false
            let ends = continues || (text.last.map(Self.isWordCharacter) ?? false)
            pattern = (starts ? "(?<![\\p{L}\\p{N}])" : "") + body + (ends ? "(?![\\p{L}\\p{N}])" : "")
        }
        do {
            expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            throw TermError(message: "invalid regular expression in '\(term)'")
        }
    }

    /// Whether `text` contains the term; characters that only format (zero-width spaces, soft hyphens) and
    /// Markdown emphasis around words (`**join**`, `_students_`) do not count.
    public func matches(_ text: String) -> Bool {
        let folded = Self.plain(Self.fold(text))
        return expression.firstMatch(in: folded, range: NSRange(folded.startIndex..., in: folded)) != nil
    }

    /// Unicode-aware case and width folding, applied to terms and texts alike.
    static func fold(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// `text` without format characters (Unicode category Cf) and without the `*`/`_` emphasis that wraps words.
    public static func plain(_ text: String) -> String {
        let all = Array(text.unicodeScalars.filter { $0.properties.generalCategory != .format })
        func isWord(_ index: Int) -> Bool {
            guard all.indices.contains(index) else { return false }
            return all[index].properties.isAlphabetic || all[index].properties.numericType != nil
        }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < all.count {
            guard all[index] == "*" || all[index] == "_" else {
                scalars.append(all[index])
                index += 1
                continue
            }
            var end = index
            while end < all.count, all[end] == all[index] { end += 1 }
            // A run of emphasis touches a word on one side only; `snake_case` and `a*b` keep theirs.
            if isWord(index - 1) == isWord(end) { scalars.append(contentsOf: all[index..<end]) }
            index = end
        }
        return String(scalars)
    }
}

/// A term that cannot be matched, and why.
public struct TermError: Error, Sendable {
    public var message: String
}
