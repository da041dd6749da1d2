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
        #expect(output.stdout.contains("after is better on all cases: 12 vs 2 of 12, p = 0.002"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(overall["a_pass"] as? Int == 2)
        #expect(overall["b_pass"] as? Int == 12)
        #expect(overall["n"] as? Int == 12)
        #expect(abs((overall["p_value"] as? Double ?? 1) - 0.001953125) < 1e-9)
        #expect((object["flipped"] as? [Any])?.count == 10)
        #expect((object["patterns"] as? [String: Any])?.keys.sorted() == ["explain", "sql"])
        #expect(try String(contentsOf: markdown, encoding: .utf8).contains("| s/c0 #1 | fail: row count 0 vs expected 1 | pass: pass |"))
    }

    @Test func oneFileOfSeveralVariantsComparesThem() throws {
        let a = try String(contentsOf: try results("a", ["pass", "fail", "pass"], variant: "python-only"), encoding: .utf8)
        let b = try String(contentsOf: try results("b", ["pass", "pass", "pass"], variant: "explain-ok"), encoding: .utf8)
        let both = out.appendingPathComponent("both.jsonl")
        try Data((a + b).utf8).write(to: both)
        let output = try ProctorCLI.run(["compare", both.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("m, explain-ok vs m, python-only\n"))
        #expect(output.stdout.contains("no significant difference on all cases: m, python-only 2, m, explain-ok 3 of 3, p = 1.000"))
        #expect(output.stdout.contains("flipped s/c1 #1"))
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
