import Foundation
import Testing

/// `proctor history` keeps every value under its own run, bounds its lists, and speaks Markdown and JSON.
@Suite(.serialized) struct HistoryCommandTests {
    @Test func valuesStayUnderTheirRunsListsAreBoundedAndMarkdownAndJSONAgree() throws {
        let out = try ProctorCLI.temporaryDirectory()
        let history = out.appendingPathComponent("h.sqlite").path
        let reports = ["--junit", out.appendingPathComponent("j.xml").path, "--results", out.appendingPathComponent("r.jsonl").path,
                       "--summary", out.appendingPathComponent("s.md").path, "--html", out.appendingPathComponent("i.html").path,
                       "--history", history, "-q"]
        for suite in ["suites/school.yaml", "suites/explain.yaml", "suites/school.yaml"] {
            #expect(try ProctorCLI.run(["run", suite] + reports).status == 0)
        }
        let text = try ProctorCLI.run(["history", "--history", history, "--limit", "2"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "3 run(s), oldest first:")
        let header = try #require(lines.first { $0.hasPrefix("  suite [model, variant]") })
        let school = try #require(lines.first { $0.hasPrefix("  school [demo-model]") })
        let explain = try #require(lines.first { $0.hasPrefix("  explain [demo-model] ") })
        // The school row is empty under run 2, which graded only explain; explain's is empty under 1 and 3.
        #expect(school.split(separator: " ").suffix(3) == ["57.1%", "—", "57.1%"])
        #expect(explain.split(separator: " ").suffix(3) == ["—", "50.0%", "—"])
        for column in ["#1", "#2", "#3"] {
            let end = try #require(header.range(of: column)).upperBound
            #expect(school.count >= header.distance(from: header.startIndex, to: end))
        }
        #expect(header.count == school.count, "every value ends under its run's column")
        #expect(text.stdout.contains("failing in the latest run, since:\n"))
        #expect(text.stdout.contains(try Regex(#"  … and \d+ more\n"#)))

        let markdown = try ProctorCLI.run(["history", "--history", history, "--markdown"])
        #expect(markdown.stdout.contains("| suite [model, variant] | #1 | #2 | #3 |\n"))
        #expect(markdown.stdout.contains("| school \\[demo-model\\] | 57.1% | — | 57.1% |\n"))
        let json = try ProctorCLI.run(["history", "--history", history, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["runs"] as? [Any])?.count == 3)
        let trends = try #require(object["trends"] as? [[String: Any]])
        let schoolTrend = try #require(trends.first { $0["group"] as? String == "school [demo-model]" })
        #expect((schoolTrend["points"] as? [Any])?[1] is NSNull)
        #expect(try ProctorCLI.run(["history", "--history", history, "--json", "--markdown"]).status == 2)
    }
}
