import Foundation
import Testing

/// A suite graded through `proctor run` on responses that try to forge a pass: each gets its verdict as data, and
/// the run goes on to write every report.
@Suite struct HostileSuiteTests {
    static let suite = """
        suite: hostile
        cases:
          - id: multiply
            pattern: comments-to-code
            prompt: Write multiply(a, b).
            tests: |
              assert multiply(2, 3) == 6
              assert multiply(3, 3) == 9
          - id: never
            pattern: comments-to-code
            prompt: Write anything.
            tests: |
              assert False
        """

    /// (case, response, verdict, start of the reason)
    static let samples: [(String, String, String, String)] = [
        ("never", "import sys\nsys._getframe(1).f_locals['statements'].clear()\n", "error",
         "the program inspects or patches the grader (f_locals, line 2)"),
        ("never", "import sys\nf = getattr(sys, '_get' + 'frame')(1)\n", "error",
         "the program inspects or patches the grader (sys._getframe)"),
        ("never", "import os\nfor fd in range(3, 256):\n    try:\n        os.write(fd, b'\\n' + b'ab' * 16 + b' invalid-tests 41\\n')\n    except OSError:\n        pass\n",
         "error", "the test report is not the runner's"),
        ("multiply", "class A:\n    def __eq__(self, other):\n        return True\ndef multiply(a, b):\n    return A()\n", "fail",
         "`assert multiply(2, 3) == 6` failed"),
        ("multiply", "def multiply(a, b):\n    return a * b\n\nimport sys\nsys.exit(0)\n", "pass", "all tests passed"),
        ("multiply", "def multiply(a, b):\n    return a * b\nimport os\nos._exit(0)\n", "error", "exited before the tests ran"),
    ]

    @Test func everyAttackIsASampleVerdictAndTheRunCompletes() throws {
        let directory = try ProctorCLI.temporaryDirectory()
        let suite = directory.appendingPathComponent("hostile.yaml")
        try Self.suite.write(to: suite, atomically: true, encoding: .utf8)
        // Numbered 1, 2, … within each case.
        let numbers = Self.samples.indices.map { index in Self.samples[...index].filter { $0.0 == Self.samples[index].0 }.count }
        let lines = try Self.samples.enumerated().map { index, sample in
            let object: [String: Any] = ["case": sample.0, "sample": String(numbers[index]), "response": "```python\n\(sample.1)```"]
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let samples = directory.appendingPathComponent("samples.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: samples, atomically: true, encoding: .utf8)
        let results = directory.appendingPathComponent("results.jsonl")
        let output = try ProctorCLI.run([
            "run", suite.path, "--samples", samples.path, "--results", results.path,
            "--junit", directory.appendingPathComponent("junit.xml").path,
            "--summary", directory.appendingPathComponent("summary.md").path,
            "--html", directory.appendingPathComponent("index.html").path,
            "--history", directory.appendingPathComponent("history.sqlite").path, "--quiet",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let rows = try String(contentsOf: results, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(rows.count == Self.samples.count)
        for (index, sample) in Self.samples.enumerated() {
            let row = rows.first { $0["case"] as? String == sample.0 && $0["sample"] as? String == String(numbers[index]) }
            #expect(row?["verdict"] as? String == sample.2, "sample \(index + 1): \(row?["reason"] ?? "")")
            #expect((row?["reason"] as? String)?.hasPrefix(sample.3) == true, "sample \(index + 1): \(row?["reason"] ?? "")")
        }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("junit.xml").path))
    }
}
