import Foundation
import Testing

/// A response over the size cap is an error before anything reads it, and the reports stay small.
@Suite struct ResponseSizeTests {
    @Test func twoMiBResponseIsAnErrorAndTheReportsStaySmall() throws {
        let out = try ProctorCLI.temporaryDirectory()
        let query = "SELECT s.name FROM students s -- " + String(repeating: "padding ", count: 1 << 18)  // 2 MiB
        let line = try JSONSerialization.data(withJSONObject: ["case": "cs-students", "response": query])
        let samples = out.appendingPathComponent("samples.jsonl")
        try (line + Data("\n".utf8)).write(to: samples)
        let reports = ["junit.xml", "results.jsonl", "summary.md", "index.html"]
        let flags = ["--junit", "--results", "--summary", "--html"].enumerated().flatMap { index, flag in
            [flag, out.appendingPathComponent(reports[index]).path]
        } + ["--history", out.appendingPathComponent("history.sqlite").path]

        let clock = ContinuousClock()
        var output: ProctorCLI.Output?
        let elapsed = try clock.measure {
            output = try ProctorCLI.run(["run", "suites/school.yaml", "--samples", samples.path, "--answered-only"] + flags)
        }
        let run = try #require(output)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ERROR school/cs-students: response larger than 1 MiB ("))
        let result = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("results.jsonl"))) as? [String: Any])
        #expect(result["verdict"] as? String == "error")
        #expect((result["reason"] as? String)?.hasPrefix("response larger than 1 MiB (") == true)
        #expect((result["response"] as? String)?.hasSuffix("[… response cut: 2097185 bytes in all, the last 2093089 not kept]") == true)
        for report in reports {
            let size = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(report).path)[.size] as? Int
            #expect((size ?? .max) < 64 << 10, "\(report): \(size ?? -1) bytes")
        }
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
