import Testing

@testable import ProctorReports

/// Untrusted text in summary.md and comparison tables renders as text: no link, image, HTML or log command.
@Suite struct MarkdownTextTests {
    @Test func escapedTextRendersAsWritten() {
        #expect(MarkdownText.escaped("school/cs-students #2 [demo-model]") == "school/cs-students #2 \\[demo-model\\]")
        #expect(MarkdownText.escaped("![x](https://evil.example/p.png)") == "\\!\\[x\\](https://evil.example/p.png)")
        #expect(MarkdownText.escaped("<img src=x> a|b &amp; *c* `d`") == "\\<img src=x\\> a\\|b \\&amp; \\*c\\* \\`d\\`")
        #expect(MarkdownText.escaped("a\nb\u{1B}") == "a\\\\nb\\\\u{1B}")
    }

    @Test func codeSpanHoldsAnythingOnOneLine() {
        #expect(MarkdownText.code("row count 0 vs expected 1") == "` row count 0 vs expected 1 `")
        #expect(MarkdownText.code("![x](https://e.example/p.png) <b>") == "` ![x](https://e.example/p.png) <b> `")
        #expect(MarkdownText.code("uses `x` and ``y``") == "``` uses `x` and ``y`` ```")
        #expect(MarkdownText.code("a|b\n::error::x\u{1B}[2J") == "` a\\|b\\n::error::x\\u{1B}[2J `")
        #expect(MarkdownText.code("") == "")
        // Outside a table a `\|` would show its backslash.
        #expect(MarkdownText.code("a|b <c>", inTable: false) == "` a|b <c> `")
    }

    @Test func htmlEscapesMarkupAndHidesControls() {
        #expect(HTMLRenderer.escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTMLRenderer.escape("a\n\tb\r\u{1B}[31m\u{7F}\u{9B}\u{202E}z") == "a\n\tb\u{FFFD}\u{FFFD}[31m\u{FFFD}\u{FFFD}\u{FFFD}z")
    }
}
