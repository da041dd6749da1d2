import Foundation
import Testing

@Suite(.serialized) struct CompareCommandTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    /// A results file: `verdicts[i]` for case `c<i>` of suite `s` (pattern sql), under `model`.
    func results(_ name: String, _ verdicts: [String], model: String = "m", variant: String? = nil) throws -> URL {
        let url = out.appendingPathComponent("\(name).jsonl")
        let lines = try verdicts.enumerated().map { index, verdict in
            let object: [String: Any] = [
                "suite": "s", "case": "c\(index)", "sample": "1", "pattern": index < 6 ? "sql" : "explain",
                "model": model, "variant": variant ?? NSNull(), "verdict": verdict,
                "reason": verdict == "pass" ? "pass" : "row count 0 vs expected 1",
            ]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    @Test func aClearImprovementIsSignificantAndEveryFlipIsListed() throws {
        let before = try results("before", Array(repeating: "fail", count: 10) + ["pass", "pass"])
        let after = try results("after", Array(repeating: "pass", count: 12))
        let json = out.appendingPathComponent("c.json")
        let markdown = out.appendingPathComponent("c.md")
        let output = try ProctorCLI.run(["compare", before.path, after.path, "--json", json.path, "--markdown", markdown.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("before.jsonl vs after.jsonl\n"), "the first side first, as in every line")
        #expect(output.stdout.contains("after.jsonl is better on all cases: 12 vs 2 of 12 paired, p = 0.002  "
            + "(pass rates: before.jsonl 17% (95% CI 5–45%), after.jsonl 100% (76–100%))"))
        // A passing reason that only says `pass` is not repeated.
        #expect(output.stdout.contains("flipped s/c0 #1: before.jsonl fail (row count 0 vs expected 1) → after.jsonl pass\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(overall["a_pass"] as? Int == 2)
        #expect(overall["b_pass"] as? Int == 12)
        #expect(overall["n"] as? Int == 12)
        #expect(abs((overall["p_value"] as? Double ?? 1) - 0.001953125) < 1e-9)
        #expect((object["flipped"] as? [Any])?.count == 10)
        #expect((object["patterns"] as? [String: Any])?.keys.sorted() == ["explain", "sql"])
        #expect(object["a"] as? String == "before.jsonl" && object["b"] as? String == "after.jsonl")
        let summary = try String(contentsOf: markdown, encoding: .utf8)
        #expect(summary.contains("| s/c0 #1 | fail: ` row count 0 vs expected 1 ` | pass |"))
        #expect(summary.contains("\n## before.jsonl vs after.jsonl\n"))
        #expect(summary.contains("| scope | before.jsonl | after.jsonl | paired | passed only in before.jsonl | passed only in after.jsonl | p |"))
    }

    @Test func sidesWithoutASampleInCommonAreBadInput() throws {
        let m = try String(contentsOf: try results("m", ["pass", "fail", "pass"]), encoding: .utf8)
        let n = try String(contentsOf: try results("n", ["pass", "pass"], model: "n"), encoding: .utf8)
        let full = out.appendingPathComponent("full.jsonl")
        try Data((m + n).utf8).write(to: full)
        let mine = try results("my", ["fail", "pass"], model: "mine")
        let json = out.appendingPathComponent("unpaired.json")
        let output = try ProctorCLI.run(["compare", full.path, mine.path, "--json", json.path])
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains(
            "error: no samples in common: full.jsonl holds 5 sample(s): s [m] 3, s [n] 2; my.jsonl holds 2 sample(s): s [mine] 2\n"),
            "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: json.path))
    }

    @Test func oneFileOfSeveralVariantsComparesThem() throws {
        let a = try String(contentsOf: try results("a", ["pass", "fail", "pass"], variant: "python-only"), encoding: .utf8)
        let b = try String(contentsOf: try results("b", ["pass", "pass", "pass"], variant: "explain-ok"), encoding: .utf8)
        let both = out.appendingPathComponent("both.jsonl")
        try Data((a + b).utf8).write(to: both)
        let output = try ProctorCLI.run(["compare", both.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("[m, python-only] vs [m, explain-ok]\n"))
        // One differing pair can never be significant: said, with what a difference of this size would need.
        #expect(output.stdout.contains("no significant difference on all cases: [m, python-only] passed 2, [m, explain-ok] passed 3, of 3 "
            + "paired, p = 1.000; only 1 pair differs, and an exact McNemar test needs at least 6 for p < 0.05; a difference of "
            + "this size needs about 18 paired samples to reach p < 0.05"))
        #expect(output.stdout.contains("flipped s/c1 #1: [m, python-only] fail (row count 0 vs expected 1) → [m, explain-ok] pass\n"))
        // --side takes the labels with any spacing around the comma, and in brackets as printed.
        let chosen = try ProctorCLI.run(["compare", both.path, "--side", "m,python-only", "--side", " [m ,  explain-ok] "])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout == output.stdout)
        let unknown = try ProctorCLI.run(["compare", both.path, "--side", "m, nope", "--side", "m,explain-ok"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no samples of 'm, nope'") && unknown.stderr.contains("its sides: 'm, python-only', 'm, explain-ok'"),
                "\(unknown.stderr)")
    }

    /// The story the shipped recordings tell: a system prompt that forbids explanations makes the explain cases
    /// refuse; one that allows them fixes those without costing the code cases.
    @Test func theShippedVariantsTellTheClassicStory() throws {
        let results = out.appendingPathComponent("shipped.jsonl")
        let run = try ProctorCLI.run(
            ["run", "suites/explain.yaml", "suites/python-completion.yaml", "-q", "--no-history", "--results", results.path,
             "--junit", out.appendingPathComponent("shipped.xml").path, "--summary", out.appendingPathComponent("s.md").path,
             "--html", out.appendingPathComponent("s.html").path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = out.appendingPathComponent("story.json")
        let output = try ProctorCLI.run(
            ["compare", results.path, "--side", "demo-model, python-only", "--side", "demo-model, explain-ok", "--json", json.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("on suite explain: [demo-model, python-only] passed 0, [demo-model, explain-ok] passed 4, of 4 paired"))
        #expect(output.stdout.contains("on suite python-completion: [demo-model, python-only] passed 8, [demo-model, explain-ok] passed 8, of 8 paired, p = 1.000  ("))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let flipped = try #require(object["flipped"] as? [[String: Any]])
        #expect(flipped.count == 4)
        #expect(flipped.allSatisfy { $0["suite"] as? String == "explain" && $0["b_verdict"] as? String == "pass" })
        let unknown = try ProctorCLI.run(["compare", results.path, "--side", "nobody"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no samples of 'nobody'"))
    }

    @Test func badInputNamesFileAndLine() throws {
        let good = try results("good", ["pass"])
        let bad = out.appendingPathComponent("bad.jsonl")
        try Data("{\"suite\": \"s\"}\nnot json\n".utf8).write(to: bad)
        let output = try ProctorCLI.run(["compare", good.path, bad.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(bad.path):1: error: not a results line"))
        #expect(output.stderr.contains("\(bad.path):2: error: not a results line"))
        let alone = try ProctorCLI.run(["compare", good.path])
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("nothing to compare"))
        #expect(try ProctorCLI.run(["compare"]).status == 2)
    }
}
