import ProctorCore
import Testing

/// Model text cannot drive a terminal or a CI log once it went through `UntrustedText`.
@Suite struct UntrustedTextTests {
    @Test func ordinaryTextIsUnchanged() {
        for text in ["row count 0 vs expected 1", "lint: undefined name 'json' (line 20)", "tab\tstays", "ünïcödé ✓", "# a comment", ""] {
            #expect(UntrustedText.line(text) == text)
            #expect(UntrustedText.lines(text) == text)
        }
    }

    @Test func controlCharactersBecomeVisibleEscapes() {
        #expect(UntrustedText.line("FAIL\r\u{1B}[32mPASS\u{1B}[0m") == "FAIL\\r\\u{1B}[32mPASS\\u{1B}[0m")
        #expect(UntrustedText.line("a\nb") == "a\\nb")
        #expect(UntrustedText.line("nul\u{0}bell\u{7}del\u{7F}csi\u{9B}nel\u{85}") == "nul\\u{0}bell\\u{7}del\\u{7F}csi\\u{9B}nel\\u{85}")
        #expect(UntrustedText.line("abc\u{202E}fed\u{2066}x\u{2069}\u{2028}") == "abc\\u{202E}fed\\u{2066}x\\u{2069}\\u{2028}")
    }

    @Test func logCommandsAreDefused() {
        #expect(UntrustedText.line("::error file=x.py::boom") == "\\u{3A}:error file=x.py::boom")
        #expect(UntrustedText.line("  ::warning::x") == "  \\u{3A}:warning::x")
        #expect(UntrustedText.line("ok ##vso[task.setvariable variable=x]1") == "ok #\\u{23}vso[task.setvariable variable=x]1")
        #expect(UntrustedText.line("##[error]x and ##teamcity[buildStatus text='ok']") == "#\\u{23}[error]x and #\\u{23}teamcity[buildStatus text='ok']")
        #expect(UntrustedText.line("--- :rocket: fake group") == "\\u{2D}-- :rocket: fake group")
        #expect(UntrustedText.line("## heading, no bracket") == "## heading, no bracket")
        #expect(UntrustedText.line("a :: b") == "a :: b")
    }

    @Test func aNewlineCannotStartACommandLine() {
        let line = UntrustedText.line("wrong\n::error file=x.py::pwned")
        #expect(!line.contains("\n"))
        #expect(line == "wrong\\n::error file=x.py::pwned")
    }

    @Test func linesKeepsNewlinesAndMakesEachLineSafe() {
        #expect(UntrustedText.lines("s.yaml:3: error: bad\n  hint: fix it") == "s.yaml:3: error: bad\n  hint: fix it")
        #expect(UntrustedText.lines("first\n::error::x\r\n##vso[y]") == "first\n\\u{3A}:error::x\\r\n#\\u{23}vso[y]")
    }
}
