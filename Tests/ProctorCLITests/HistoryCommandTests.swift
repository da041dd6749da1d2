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

    @Test func jsonListsAreBoundedGroupsAreSplitAndOrderedAndCutStreaksSaySo() throws {
        let out = try ProctorCLI.temporaryDirectory()
        let history = out.appendingPathComponent("h.sqlite").path
        let reports = ["--junit", out.appendingPathComponent("j.xml").path, "--results", out.appendingPathComponent("r.jsonl").path,
                       "--summary", out.appendingPathComponent("s.md").path, "--html", out.appendingPathComponent("i.html").path,
                       "--history", history, "-q"]
        for suites in [["suites/school.yaml", "suites/explain.yaml"], ["suites/school.yaml"], ["suites/school.yaml"]] {
            #expect(try ProctorCLI.run(["run"] + suites + reports).status == 0)
        }
        func json(_ flags: [String]) throws -> [String: Any] {
            let output = try ProctorCLI.run(["history", "--history", history, "--json"] + flags)
            #expect(output.status == 0, "\(output.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        }
        let bounded = try json(["--limit", "2"])
        let failing = try #require(bounded["failing"] as? [[String: Any]])
        #expect(failing.count == 2)
        #expect(try #require(bounded["failing_count"] as? Int) > 2)
        #expect(try #require(bounded["flaky"] as? [Any]).count <= 2)
        #expect(bounded["flaky_count"] is Int)
        // Suite order as the run gave it (school before explain), not alphabetical; each group split into its parts.
        let trends = try #require(bounded["trends"] as? [[String: Any]])
        #expect(trends.map { $0["group"] as? String } == [
            "school [demo-model]", "explain [demo-model]", "explain [demo-model, python-only]",
            "explain [demo-model, explain-ok]",
        ])
        #expect(trends.map { $0["suite"] as? String } == ["school", "explain", "explain", "explain"])
        #expect(trends.map { $0["model"] as? String } == ["demo-model", "demo-model", "demo-model", "demo-model"])
        #expect(trends.map { $0["variant"] as? String } == [nil, nil, "python-only", "explain-ok"])
        #expect(trends.prefix(2).allSatisfy { $0["variant"] is NSNull })
        let ids = try #require(bounded["runs"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids.count == 3)

        // Two runs of three shown: school's failing streaks reach the oldest shown, and older runs exist.
        let cut = try json(["--runs", "2", "--limit", "100"])
        let cutFailing = try #require(cut["failing"] as? [[String: Any]])
        #expect(!cutFailing.isEmpty)
        #expect(cutFailing.allSatisfy { $0["since"] as? String == ids[1] && $0["since_or_earlier"] as? Bool == true })
        let cutText = try ProctorCLI.run(["history", "--history", history, "--runs", "2"])
        #expect(cutText.stdout.contains(": since at least \(ids[1]) (2 run(s)): "), "\(cutText.stdout)")
        let whole = try ProctorCLI.run(["history", "--history", history, "--runs", "3"])
        #expect(whole.stdout.contains(": since \(ids[0]) (3 run(s)): "), "\(whole.stdout)")
        #expect(!whole.stdout.contains("since at least"))
    }
}
