import Foundation
import Testing

@Suite(.serialized) struct ImportCommandTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    static let problems = [
        #"{"task_id": "Tiny/0", "prompt": "def add(a, b):\n    \"\"\"Add.\"\"\"\n", "entry_point": "add", "canonical_solution": "    return a + b\n", "test": "\n\ndef check(candidate):\n    assert candidate(2, 3) == 5\n"}"#,
        #"{"task_id": "Tiny/1", "prompt": "def neg(x):\n", "entry_point": "neg", "canonical_solution": "    return -x\n", "test": "def check(candidate):\n    assert candidate(4) == -4\n"}"#,
    ]

    func file(_ name: String, _ lines: [String]) throws -> URL {
        let url = out.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    @Test func importsProblemsThatThenGradeHumanEvalSamples() throws {
        let dataset = try file("tiny.jsonl", Self.problems)
        let suite = out.appendingPathComponent("suites/tiny.yaml")
        let imported = try ProctorCLI.run(["import", "humaneval", dataset.path, "--output", suite.path, "--suite", "tiny"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "wrote \(suite.path): suite tiny, 2 completion cases\n")
        let samples = try file("samples.jsonl", [
            #"{"task_id": "Tiny/0", "completion": "    return a + b\n"}"#,
            #"{"task_id": "Tiny/0", "completion": "    return a - b\n"}"#,
            #"{"task_id": "Tiny/1", "completion": "    return -x\n"}"#,
        ])
        let results = out.appendingPathComponent("results.jsonl")
        let run = try ProctorCLI.run([
            "run", suite.path, "--samples", samples.path, "--results", results.path,
            "--junit", out.appendingPathComponent("junit.xml").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let verdicts = try String(contentsOf: results, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["verdict"] as? String
        }
        #expect(verdicts == ["pass", "fail", "pass"])
    }

    @Test func readsGzipCompressedProblems() throws {
        let plain = try file("tiny.jsonl", Self.problems)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        let output = out.appendingPathComponent("gz.yaml")
        let imported = try ProctorCLI.run(["import", "humaneval", plain.path + ".gz", "-o", output.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let validated = try ProctorCLI.run(["validate", output.path])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.hasPrefix("ok: 1 suite(s), 2 case(s)"))
        #expect(validated.stdout.contains("2 solution(s) pass"), "the canonical solutions are the cases' solutions")
    }

    @Test func badProblemsNameFileAndLine() throws {
        let dataset = try file("bad.jsonl", [Self.problems[0], "{oops", #"{"task_id": "Tiny/2"}"#, Self.problems[0]])
        let output = out.appendingPathComponent("never.yaml")
        let imported = try ProctorCLI.run(["import", "humaneval", dataset.path, "--output", output.path])
        #expect(imported.status == 2)
        #expect(imported.stderr.contains("\(dataset.path):2: error: not a JSON object"))
        #expect(imported.stderr.contains("\(dataset.path):3: error: a HumanEval problem needs the strings task_id, prompt, entry_point and test"))
        #expect(imported.stderr.contains("\(dataset.path):4: error: duplicate task_id 'Tiny/0' (first on line 1)"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let corrupt = out.appendingPathComponent("corrupt.jsonl.gz")
        try Data([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]).write(to: corrupt)
        let second = try ProctorCLI.run(["import", "humaneval", corrupt.path, "--output", output.path])
        #expect(second.status == 2)
        #expect(second.stderr.contains("\(corrupt.path): error: cannot decompress"))
        let missing = try ProctorCLI.run(["import", "humaneval", out.appendingPathComponent("nowhere.jsonl.gz").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere.jsonl.gz: error: cannot read"))
    }
}
