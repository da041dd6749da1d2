import Foundation

/// Finds refusals and role-conflict apologies ("Sorry, as a code assistant in Python, I cannot ...").
public struct RefusalDetector: Sendable {
    /// Patterns over lowercased text with curly apostrophes straightened.
    static let patterns: [String] = [
        #"\bas an ai\b(?: language model| model| assistant)?"#,
        #"\bas an? (?:\w+ ){0,4}(?:assistant|language model|chatbot)\b[^.!?\n]{0,80}\b(?:i can(?:no|')t|i cannot|i am unable|i'm unable|i am not able|i'm not able|i (?:can |will )?only|i don't|i do not|i won't|i will not)\b"#,
        #"\bi(?:'m| am) (?:unable|not able|not allowed|not permitted) to\b"#,
        #"\bi (?:can(?:no|')t|cannot|won't|will not|must decline to) (?:help|assist|provide|explain|do that|comply|fulfil|fulfill|answer|describe)\b"#,
        #"\bi(?:'m| am) (?:only |just )?(?:able|designed|programmed|here|supposed|allowed) to (?:only )?(?:write|generate|produce|provide|help with|assist with|answer)\b[^.!?\n]{0,40}\bcode\b"#,
        #"\b(?:sorry|apologi[sz]e)\b[^.!?\n]{0,60}\b(?:can(?:no|')t|cannot|unable|not able|only (?:write|provide|generate))\b"#,
    ]

    private let expressions: [NSRegularExpression]

    public init() {
        expressions = Self.patterns.compactMap { try? NSRegularExpression(pattern: $0, options: []) }
    }

    /// The sentence holding the first refusal, or nil.
    public func refusal(in text: String) -> String? {
        let normalized = text.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "\u{02BC}", with: "'")
        let range = NSRange(normalized.startIndex..., in: normalized)
        var earliest: NSRange?
        for expression in expressions {
            if let match = expression.firstMatch(in: normalized, options: [], range: range),
                match.range.location < (earliest?.location ?? Int.max)
            {
                earliest = match.range
            }
        }
        guard let earliest, let matched = Range(earliest, in: normalized) else { return nil }
        return sentence(around: matched, in: normalized, original: text)
    }

    /// The original-case sentence containing `range` (which indexes the normalized copy).
    private func sentence(around range: Range<String.Index>, in normalized: String, original: String) -> String {
        let start = normalized[..<range.lowerBound].lastIndex(where: { ".!?\n".contains($0) })
            .map { normalized.index(after: $0) } ?? normalized.startIndex
        let end = normalized[range.upperBound...].firstIndex(where: { ".!?\n".contains($0) })
            .map { normalized.index(after: $0) } ?? normalized.endIndex
        let offsetStart = normalized.distance(from: normalized.startIndex, to: start)
        let offsetEnd = normalized.distance(from: normalized.startIndex, to: end)
        let lower = original.index(original.startIndex, offsetBy: offsetStart, limitedBy: original.endIndex)
            ?? original.startIndex
        let upper = original.index(original.startIndex, offsetBy: offsetEnd, limitedBy: original.endIndex)
            ?? original.endIndex
        let text = original[lower..<max(lower, upper)].trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > 120 ? String(text.prefix(117)) + "..." : text
    }
}
