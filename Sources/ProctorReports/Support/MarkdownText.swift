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

    /// Untrusted text as an inline code span, inside which nothing is markup: made one safe line, pipes escaped
    /// for the table, fenced by more backticks than it holds in a row.
    static func code(_ text: String) -> String {
        let line = UntrustedText.line(text).replacingOccurrences(of: "|", with: "\\|")
        guard !line.isEmpty else { return "" }
        var longest = 0
        var run = 0
        for character in line {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        // A space on each side lets the text start or end with a backtick; Markdown strips one of each.
        return fence + " " + line + " " + fence
    }
}
