import Foundation
import ProctorCore

/// Text for a cell of a GitHub Flavored Markdown table, where untrusted text must not become a link, an
/// image, HTML, a mention or a log command.
enum MarkdownText {
    /// Plain text that renders as written: made one safe line (``UntrustedText/line(_:)``), then every ASCII
    /// character Markdown or HTML acts on is backslash-escaped, so `[x](y)`, `![x](y)`, `<b>` and `&lt;` stay text.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in UntrustedText.line(text) {
            if "\\`*_[]<>!|~&".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Untrusted text as an inline code span, inside which nothing is markup: `<`, `&` and `*` show as written
    /// (never HTML-escaped: GitHub would show `&lt;`). Made one safe line, fenced by one backtick more than the
    /// longest run of backticks it holds, with a space on each side (CommonMark strips one from each side, so text
    /// may start or end with a backtick or a space). In a table cell (`inTable`, the default) each `|` is written
    /// `\|`, which GFM reads as a pipe of the cell's text even inside a code span; elsewhere a `\|` would show its
    /// backslash, so pipes stay as they are.
    static func code(_ text: String, inTable: Bool = true) -> String {
        var line = UntrustedText.line(text)
        if inTable { line = line.replacingOccurrences(of: "|", with: "\\|") }
        guard !line.isEmpty else { return "" }
        var longest = 0
        var run = 0
        for character in line {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        return fence + " " + line + " " + fence
    }
}
