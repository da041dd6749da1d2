import Foundation
import Testing

/// A reason built from model text cannot repaint the console, issue CI log commands or add links and images to
/// summary.md; results.jsonl keeps it exactly.
@Suite struct ReportInjectionTests {
    /// A table name SQLite quotes back in its error: erase the line, paint a green PASS, then a workflow command
    /// on a line of its own and a Markdown image.
    static let table = "x\u{1B}[2K\r\u{1B}[32mPASS\u{1B}[0m school/cs-students\n::error file=x.py::pwned "
        + "![x](https://evil.example/p.png) <img src=x>"

    @Test func hostileReasonIsNeutralisedForPeopleAndKeptInTheResults() throws {
        let out = try ProctorCLI.temporaryDirectory()
        let response = "```sql\nSELECT * FROM \"\(Self.table)\"\n```"
        let line = try JSONSerialization.data(withJSONObject: ["case": "cs-students", "response": response])
        let samples = out.appendingPathComponent("samples.jsonl")
        try (line + Data("\n".utf8)).write(to: samples)
        func path(_ name: String) -> String { out.appendingPathComponent(name).path }
        let run = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--samples", samples.path, "--answered-only", "--results", path("results.jsonl"),
             "--summary", path("summary.md"), "--junit", path("junit.xml"), "--html", path("index.html"),
             "--history", path("history.sqlite")])
        #expect(run.status == 0, "\(run.stderr)")

        let results = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("results.jsonl"))) as? [String: Any])
        #expect(results["reason"] as? String == "SQLite error: no such table: \(Self.table)")

        let escaped = #"x\u{1B}[2K\r\u{1B}[32mPASS\u{1B}[0m school/cs-students\n::error file=x.py::pwned "#
            + "![x](https://evil.example/p.png) <img src=x>"
        #expect(run.stdout.contains("ERROR school/cs-students: SQLite error: no such table: \(escaped)\n"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        // The image and the tag are inside a code span, where Markdown renders them as text.
        #expect(summary.contains("| school/cs-students #1 | error | ` SQLite error: no such table: \(escaped) ` |\n"))
        for (name, text) in [("console", run.stdout + run.stderr), ("summary.md", summary)] {
            #expect(!text.contains("\u{1B}"), "\(name) holds ESC")
            #expect(!text.contains("\r"), "\(name) holds CR")
            let commands = text.split(separator: "\n").filter { $0.drop { $0 == " " }.hasPrefix("::") }
            #expect(commands.isEmpty, "\(name) starts a line with a workflow command: \(commands)")
        }
        let junit = try Data(contentsOf: out.appendingPathComponent("junit.xml"))
        #expect(!junit.contains(0x1B), "XML 1.0 cannot hold ESC")
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!page.contains("\u{1B}") && !page.contains("<img src=x>"))
    }
}
