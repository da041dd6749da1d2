/// Model-controlled text made harmless for a terminal or a CI log: reasons, identities, messages.
///
/// Control characters — C0 but tab, DEL, C1 — and the characters that reorder or break what follows — the
/// bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, and the line and paragraph
/// separators U+2028, U+2029 — become visible escapes (`\n`, `\r`, `\u{1B}`, `\u{202E}`), so the text cannot
/// move the cursor, recolour or overwrite a line, or fake a line of its own. Log commands are defused by
/// escaping one of their characters the same way: `::` at the start of a line (GitHub Actions reads it after
/// leading blanks), `##` followed by letters and `[` anywhere (`##[error]`, Azure's `##vso[`, TeamCity's
/// `##teamcity[`; those runners look anywhere in a line), and Buildkite's group headers `---`, `+++`, `~~~`,
/// `^^^` at the start. The raw text belongs in the results file; this is only for people to read.
public enum UntrustedText {
    /// `text` on one line: newlines escaped too.
    public static func line(_ text: String) -> String {
        guard needsWork(text) else { return text }
        return defused(escaped(Substring(text), keepingNewlines: false))
    }

    /// `text` with its newlines kept, every line made safe as ``line(_:)`` makes one.
    public static func lines(_ text: String) -> String {
        guard needsWork(text) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { defused(escaped($0, keepingNewlines: true)) }
            .joined(separator: "\n")
    }

    /// Whether ``line(_:)`` writes `scalar` as an escape.
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Fast path: most reasons hold nothing to change.
    private static func needsWork(_ text: String) -> Bool {
        text.unicodeScalars.contains { isEscaped($0) } || text.contains("##") || startsLikeACommand(Substring(text))
    }

    private static func escaped(_ text: Substring, keepingNewlines: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard isEscaped(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += keepingNewlines ? "\n" : "\\n"
            case "\r": result += "\\r"
            default: result += escape(scalar)
            }
        }
        return result
    }

    /// One line with its log commands broken.
    private static func defused(_ line: String) -> String {
        var scalars = Array(line.unicodeScalars)
        var result = ""
        // `##` + letters + `[`, anywhere: escape the second `#`.
        var index = 0
        while index < scalars.count {
            if scalars[index] == "#", index + 1 < scalars.count, scalars[index + 1] == "#" {
                var end = index + 2
                while end < scalars.count, scalars[end].properties.isAlphabetic, scalars[end].isASCII { end += 1 }
                if end < scalars.count, scalars[end] == "[" {
                    result.unicodeScalars.append("#")
                    result += escape("#")
                    index += 2
                    continue
                }
            }
            result.unicodeScalars.append(scalars[index])
            index += 1
        }
        scalars = Array(result.unicodeScalars)
        guard startsLikeACommand(Substring(result)) else { return result }
        let lead = scalars.prefix { $0 == " " || $0 == "\t" }.count
        return String(String.UnicodeScalarView(scalars[..<lead])) + escape(scalars[lead])
            + String(String.UnicodeScalarView(scalars[(lead + 1)...]))
    }

    private static func startsLikeACommand(_ line: Substring) -> Bool {
        let start = line.drop { $0 == " " || $0 == "\t" }
        return start.hasPrefix("::") || ["---", "+++", "~~~", "^^^"].contains { start.hasPrefix($0) }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }
}
