import Foundation
import ProctorCore
import Testing

@testable import ProctorReports

/// summary.md as GitHub shows it: rendered by cmark-gfm, GitHub's own Markdown renderer (the `cmarkgfm` PyPI
/// package, which `.ci/run` installs), every reason reads exactly as the model wrote it — `<` not `&lt;`,
/// backticks and pipes intact — and none of it becomes a link, an image or HTML.
@Suite struct GitHubMarkdownTests {
    static let python: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        guard let python = paths.map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import cmarkgfm"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? python : nil
    }()

    /// Renders `markdown` as GitHub does (raw HTML allowed, as in a comment; GitHub sanitises it afterwards) and
    /// returns the text of every `<code>` element, HTML entities decoded, and the HTML.
    func render(_ markdown: String) throws -> (codes: [String], html: String) {
        let script = """
            import sys, html, re, json, cmarkgfm
            from cmarkgfm.cmark import Options
            out = cmarkgfm.github_flavored_markdown_to_html(sys.stdin.read(), options=Options.CMARK_OPT_UNSAFE)
            codes = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", out, re.S)]
            print(json.dumps({"codes": codes, "html": out}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = ["-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (try #require(object["codes"] as? [String]), try #require(object["html"] as? String))
    }

    static let reasons = [
        "`assert f(x) < 3 and y > 1` failed: AssertionError",
        "no such table: ![x](https://evil.example/p.png) <img src=x> &amp; a|b a\\|b",
        "``` fenced ``` and ` one ` and ``two``",
        "`starts and ends with a backtick`",
        " padded ",
        "<script>alert(1)</script> **bold** _em_ @octocat #1",
    ]

    @Test(.enabled(if: python != nil, "cmarkgfm is not installed (python3 -m pip install cmarkgfm)"))
    func summaryReasonsReadAsWrittenOnGitHub() throws {
        let results = Self.reasons.enumerated().map { index, reason in
            GradedSample(
                sample: Sample(suite: "s", caseID: "c\(index)", sampleID: "1", model: "m", response: "x"),
                pattern: .sql, verdict: .fail(reason), duration: 0.1)
        }
        let report = RunReport(
            runID: "r", startedAt: Date(timeIntervalSince1970: 0), duration: 1,
            suites: [Suite(name: "s", file: URL(fileURLWithPath: "/s.yaml"), cases: [])], results: results)
        let markdown = String(decoding: try SummaryRenderer().render(report), as: UTF8.self)
        let (codes, html) = try render(markdown)
        // Each failing row's reason cell is one code span holding the reason exactly; the last span is the run id.
        #expect(Array(codes.prefix(Self.reasons.count)) == Self.reasons, "\(markdown)")
        #expect(!html.contains("<img") && !html.contains("<script") && !html.contains("<a ") && !html.contains("<strong>"))
        // One row per reason, three cells each: no pipe split a cell.
        #expect(html.components(separatedBy: "<td").count - 1 == 3 * Self.reasons.count + 5)
    }

    @Test(.enabled(if: python != nil, "cmarkgfm is not installed (python3 -m pip install cmarkgfm)"))
    func codeSpansOutsideTablesKeepTheirPipes() throws {
        let text = "a|b `c` <d> & e\\|f"
        let (codes, _) = try render("- " + MarkdownText.code(text, inTable: false) + "\n")
        #expect(codes == [text])
        let (cells, _) = try render("| x |\n| --- |\n| " + MarkdownText.code(text) + " |\n")
        #expect(cells == [text])
    }
}
