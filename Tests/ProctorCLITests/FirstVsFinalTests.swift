import Foundation
import Testing

/// `proctor compare --first-vs-final` and `proctor history` on the results and history of a real `proctor run` of
/// a suite whose cases allow repair, graded from a samples file with later rounds.
@Suite(.serialized) struct FirstVsFinalTests {
    static let suite = """
        suite: repairs
        cases:
          - id: fix-average
            pattern: debug
            repair: 2
            code: |
              def average(xs):
                  return sum(xs) / len(xs) - 1
            failure: |
              AssertionError
            prompt: The average is wrong. Fix it.
            tests: |
              assert average([2, 4]) == 3
              assert average([5]) == 5
          - id: multiply
            pattern: comments-to-code
            repair: 2
            prompt: Write multiply(a, b).
            tests: |
              assert multiply(2, 3) == 6
          - id: plain
            pattern: comments-to-code
            prompt: Write add(a, b).
            tests: |
              assert add(2, 3) == 5
        """

    static let goodAverage = "```python\ndef average(xs):\n    return sum(xs) / len(xs)\n```"
    static let badAverage = "```python\ndef average(xs):\n    return sum(xs) / 2\n```"
    static let goodMultiply = "```python\ndef multiply(a, b):\n    return a * b\n```"
    static let badMultiply = "```python\ndef multiply(a, b):\n    return a + b\n```"
    static let add = "```python\ndef add(a, b):\n    return a + b\n```"

    /// (case, sample, model, round, response). Model `m`: 8 samples with repair, 1 passing at once, 6 fixed (one in
    /// round 3), 1 never fixed (no round 3 recorded), and `plain`, which allows no repair; model `n`: 3 samples with
    /// repair, 1 fixed.
    static let lines: [(String, Int, String, Int, String)] = [
        ("fix-average", 1, "m", 1, badAverage), ("fix-average", 1, "m", 2, goodAverage),
        ("fix-average", 2, "m", 1, badAverage), ("fix-average", 2, "m", 2, badAverage), ("fix-average", 2, "m", 3, goodAverage),
        ("fix-average", 3, "m", 1, goodAverage),
        ("multiply", 1, "m", 1, badMultiply), ("multiply", 1, "m", 2, goodMultiply),
        ("multiply", 2, "m", 1, badMultiply), ("multiply", 2, "m", 2, goodMultiply),
        ("multiply", 3, "m", 1, badMultiply), ("multiply", 3, "m", 2, goodMultiply),
        ("multiply", 4, "m", 1, badMultiply), ("multiply", 4, "m", 2, goodMultiply),
        ("multiply", 5, "m", 1, badMultiply), ("multiply", 5, "m", 2, badMultiply),
        ("plain", 1, "m", 1, add),
        ("fix-average", 1, "n", 1, goodAverage),
        ("multiply", 1, "n", 1, badMultiply), ("multiply", 1, "n", 2, goodMultiply),
        ("multiply", 2, "n", 1, goodMultiply),
        ("plain", 1, "n", 1, add),
    ]

    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    /// Runs the repair suite on the samples; returns its results file.
    func runRepairs(history: String) throws -> URL {
        let suite = out.appendingPathComponent("repairs.yaml")
        try Self.suite.write(to: suite, atomically: true, encoding: .utf8)
        let samples = out.appendingPathComponent("samples.jsonl")
        let text = try Self.lines.map { caseID, sample, model, round, response in
            var object: [String: Any] = ["case": caseID, "sample": String(sample), "model": model, "response": response]
            if round > 1 { object["round"] = round }
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        try text.write(to: samples, atomically: true, encoding: .utf8)
        let results = out.appendingPathComponent("results.jsonl")
        let run = try ProctorCLI.run([
            "run", suite.path, "--samples", samples.path, "--results", results.path,
            "--junit", out.appendingPathComponent("junit.xml").path, "--summary", out.appendingPathComponent("summary.md").path,
            "--html", out.appendingPathComponent("index.html").path, "--history", history, "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        return results
    }

    @Test func feedbackThatFixesSixOfEightIsSignificantAndOneFixOfThreeIsNot() throws {
        let results = try runRepairs(history: out.appendingPathComponent("h.sqlite").path)
        let json = out.appendingPathComponent("c.json")
        let markdown = out.appendingPathComponent("c.md")
        let output = try ProctorCLI.run(["compare", results.path, "--first-vs-final", "--json", json.path, "--markdown", markdown.path])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "first round vs final, over the samples whose case allowed repair")
        // `plain` allows no repair: m pairs 8 samples, not 9.
        #expect(lines.contains("  8 paired: first round 1/8 (12%, 2–47), final 7/8 (88%, 53–98), fixed 6, broken 0, p = 0.031"))
        #expect(lines.contains("  feedback helps [m] significantly: 6 fixed, 0 broken of 8, p = 0.031"))
        #expect(lines.contains("  no significant effect of feedback on [n]: 1 fixed, 0 broken of 3, p = 1.000; only 1 pair differs, "
            + "and an exact McNemar test needs at least 6 for p < 0.05; a difference of this size needs about 18 paired samples to reach p < 0.05"))
        #expect(lines.contains { $0.hasPrefix("  fixed repairs/fix-average #2 [m]: round 1 fail (") && $0.contains(") → round 3 pass (") })
        #expect(!lines.contains { $0.contains("multiply #5 [m]") }, "a sample never fixed did not change")
        #expect(lines.filter { $0.hasPrefix("  fixed ") }.count == 7)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["m", "n"])
        #expect(groups[0]["paired"] as? Int == 8)
        #expect(groups[0]["first_passed"] as? Int == 1)
        #expect(groups[0]["final_passed"] as? Int == 7)
        #expect(groups[0]["fixed"] as? Int == 6)
        #expect(groups[0]["broken"] as? Int == 0)
        #expect(groups[0]["repaired"] as? Int == 7)
        #expect(abs((groups[0]["p_value"] as? Double ?? 1) - 0.03125) < 1e-9)
        #expect(groups[1]["paired"] as? Int == 3)
        #expect(groups[1]["p_value"] as? Double == 1)
        let changed = try #require(object["changed"] as? [[String: Any]])
        #expect(changed.count == 7)
        #expect(changed.first { $0["case"] as? String == "fix-average" && $0["sample"] as? String == "2" }?["rounds"] as? Int == 3)

        let summary = try String(contentsOf: markdown, encoding: .utf8)
        #expect(summary.contains("**feedback helps \\[m\\] significantly: 6 fixed, 0 broken of 8, p = 0.031**"))
        #expect(summary.contains("| m | 8 | 1/8 (12%, 2–47) | 7/8 (88%, 53–98) | 6 | 0 | 0.031 |\n"))
    }

    @Test func resultsWithoutRepairRoundsAndMisusedFlagsExitTwo() throws {
        let results = out.appendingPathComponent("school.jsonl")
        let run = try ProctorCLI.run([
            "run", "suites/school.yaml", "--results", results.path, "--junit", out.appendingPathComponent("j.xml").path,
            "--summary", out.appendingPathComponent("s.md").path, "--html", out.appendingPathComponent("i.html").path,
            "--no-history", "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let none = try ProctorCLI.run(["compare", results.path, "--first-vs-final"])
        #expect(none.status == 2)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.contains("no repair rounds in \(results.path)"), "\(none.stderr)")
        #expect(none.stderr.contains("--repair N"))
        #expect(none.stderr.contains("repair: N"))

        let two = try ProctorCLI.run(["compare", results.path, results.path, "--first-vs-final"])
        #expect(two.status == 2)
        #expect(two.stderr.contains("--first-vs-final reads one results file"), "\(two.stderr)")
        let side = try ProctorCLI.run(["compare", results.path, "--first-vs-final", "--side", "demo-model"])
        #expect(side.status == 2)
        #expect(side.stderr.contains("--side"), "\(side.stderr)")
        let help = try ProctorCLI.run(["compare", "--help"])
        #expect(help.stdout.contains("--first-vs-final"))
    }

    @Test func historyShowsFirstRoundBesideFinalRatesAfterMigratingAnOldHistory() throws {
        let history = out.appendingPathComponent("h.sqlite").path
        // A history as Proctor wrote it before first-round verdicts (schema 3), with one run.
        let script = """
            CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, git_commit TEXT, duration_s REAL, properties TEXT);
            CREATE TABLE run_suites (run_id TEXT NOT NULL REFERENCES runs(run_id), suite TEXT NOT NULL, content_sha256 TEXT, PRIMARY KEY (run_id, suite));
            CREATE TABLE samples (run_id TEXT NOT NULL REFERENCES runs(run_id), suite TEXT NOT NULL, case_id TEXT NOT NULL, sample TEXT NOT NULL, model TEXT, pattern TEXT NOT NULL, verdict TEXT NOT NULL, reason TEXT NOT NULL, duration_ms REAL, variant TEXT, prompt_tokens INTEGER, completion_tokens INTEGER, cost_usd REAL, model_version TEXT);
            CREATE INDEX samples_by_case ON samples (suite, case_id, sample, model);
            INSERT INTO runs VALUES ('old', '2026-11-01T00:00:00Z', NULL, 1, '{}');
            INSERT INTO samples VALUES ('old', 'repairs', 'multiply', '1', 'm', 'comments-to-code', 'pass', 'all tests passed', 1, NULL, NULL, NULL, NULL, NULL);
            INSERT INTO samples VALUES ('old', 'repairs', 'multiply', '2', 'm', 'comments-to-code', 'fail', 'wrong', 1, NULL, NULL, NULL, NULL, NULL);
            PRAGMA user_version = 3;
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", history, script]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)

        // Read as it is (read-only): no first-round row.
        let before = try ProctorCLI.run(["history", "--history", history])
        #expect(before.status == 0, "\(before.stderr)")
        let old = try #require(before.stdout.split(separator: "\n").first { $0.hasPrefix("  repairs [m]") })
        #expect(old.split(separator: " ").last == "50.0%")
        #expect(!before.stdout.contains("first round"))

        _ = try runRepairs(history: history)
        let text = try ProctorCLI.run(["history", "--history", history])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        // m: 8 of 9 pass in the end; first round, 2 of the same 9 (fix-average #3, and plain, which has one round).
        let final = try #require(lines.first { $0.hasPrefix("  repairs [m] ") && !$0.contains("first round") })
        let first = try #require(lines.first { $0.hasPrefix("  repairs [m] first round") })
        #expect(final.split(separator: " ").suffix(2) == ["50.0%", "88.9%"])
        #expect(first.split(separator: " ").suffix(2) == ["—", "22.2%"])
        #expect(final.count == first.count, "both rows end under their run's column")
        let n = try #require(lines.first { $0.hasPrefix("  repairs [n] first round") })
        // n: fix-average #1, multiply #2 and plain pass at once; multiply #1 only after feedback.
        #expect(n.split(separator: " ").last == "75.0%")

        let markdown = try ProctorCLI.run(["history", "--history", history, "--markdown"])
        #expect(markdown.stdout.contains("| repairs \\[m\\] | 50.0% | 88.9% |\n"))
        #expect(markdown.stdout.contains("| repairs \\[m\\] first round | — | 22.2% |\n"))

        let json = try ProctorCLI.run(["history", "--history", history, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let trends = try #require(object["trends"] as? [[String: Any]])
        let m = try #require(trends.first { $0["group"] as? String == "repairs [m]" }?["points"] as? [[String: Any]])
        #expect(m[0]["first_passed"] is NSNull)
        #expect(m[0]["passed"] as? Int == 1)
        #expect(m[1]["first_passed"] as? Int == 2)
        #expect(m[1]["passed"] as? Int == 8)
        #expect(m[1]["total"] as? Int == 9)

        // The HTML report of the run draws the first-round rate as a dashed second line.
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("repairs [m] (dashed: first round)"))
        #expect(html.components(separatedBy: "<polyline class=\"first-round\"").count - 1 == 2)
    }
}
