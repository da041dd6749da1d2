import Foundation
import ProctorRun
import ProctorCore
import Testing

@testable import ProctorReports

@Suite struct ResultsRendererTests {
    let data: Data
    let lines: [String]

    init() throws {
        data = try ResultsRenderer().render(Fixture.report)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasSuffix("\n"))
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    func objects() throws -> [[String: Any]] {
        try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func writesOneObjectPerGradedSampleInReportOrder() throws {
        let objects = try objects()
        #expect(objects.count == Fixture.report.results.count)
        #expect(objects.map { $0["case"] as? String } == Fixture.report.results.map(\.sample.caseID))
        #expect(objects.map { $0["sample"] as? String } == Fixture.report.results.map(\.sample.sampleID))
        #expect(objects.map { $0["verdict"] as? String } == [
            "pass", "fail", "error", "pass", "fail", "pass", "fail", "error",
        ])
        #expect(objects.allSatisfy { $0["run_id"] as? String == "run-42" })
    }

    @Test func roundTripsEveryValue() throws {
        for (object, result) in zip(try objects(), Fixture.report.results) {
            #expect(object["suite"] as? String == result.sample.suite)
            #expect(object["model"] as? String == result.sample.model)
            #expect(object["pattern"] as? String == result.pattern.rawValue)
            #expect(object["reason"] as? String == result.verdict.reason)
            #expect(object["response"] as? String == result.sample.response)
            #expect(object["log"] as? String == result.verdict.log)
            if let extracted = result.verdict.extracted {
                #expect(object["extracted"] as? String == extracted)
            } else {
                #expect(object["extracted"] is NSNull)
            }
            let milliseconds = try #require((object["duration_ms"] as? NSNumber)?.doubleValue)
            #expect(abs(milliseconds - result.duration * 1000) < 0.0005)
        }
    }

    @Test func sortsKeysAndWritesPlainNumbers() throws {
        #expect(lines[0] == #"{"case":"count-users","completion_tokens":null,"cost_usd":null,"details":{},"duration_ms":250,"extracted":"SELECT count(*) FROM users;","latency_ms":null,"log":"","model":"m1","model_version":null,"near_limit":false,"pass_all_k":{"1":0.333333,"3":0},"pass_at_k":{"1":0.333333,"3":1},"pattern":"sql","position":null,"prompt_tokens":null,"reason":"ok","repair_stopped":null,"response":"```sql\nSELECT 1;\n```","rounds":null,"run_id":"run-42","run_samples":null,"sample":"1","schema":2,"suite":"sql-basics","variant":null,"verdict":"pass"}"#)
        #expect(lines[1].contains(#""duration_ms":500,"#))
        #expect(lines[2].contains(#""duration_ms":0,"extracted":null,"#))
        #expect(lines[4].contains(#""duration_ms":12.5,"#))
    }

    @Test func writesTokensAndCostOfAskedSamples() throws {
        var graded = Fixture.graded("s", "c", "1", model: "m", .sql, .pass(), 0.01)
        graded.sample.usage = Usage(promptTokens: 120, completionTokens: 30, cost: 0.000_6)
        let report = RunReport(runID: "r", startedAt: Fixture.startedAt, duration: 0, suites: [], results: [graded])
        let line = String(decoding: try ResultsRenderer().render(report), as: UTF8.self)
        #expect(line.contains(#""completion_tokens":30,"cost_usd":0.0006,"#))
        #expect(line.contains(#""prompt_tokens":120,"#))
    }

    @Test func nullModelStaysNullAndPatternsUseTheirRawNames() throws {
        let report = RunReport(
            runID: "r", startedAt: Fixture.startedAt, duration: 0, suites: [],
            results: [Fixture.graded("s", "c", "1", model: nil, .commentsToCode, .pass(), 0.001_234_5)])
        let data = try ResultsRenderer().render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["model"] is NSNull)
        #expect(object["pattern"] as? String == "comments-to-code")
        #expect(String(decoding: data, as: UTF8.self).contains(#""duration_ms":1.235,"#))
    }

    @Test func escapesControlCharactersAndKeepsUnicodeAndSlashesReadable() throws {
        let line = lines[3]
        #expect(line.contains(#"Here:\u0000\u0007\u001b[31mred\u001b[0m 🙂👩‍💻 数据库 ]]> <script>alert(\"x\")</script> 'a' & b \#u{FFFE}/ok\r\n"#))
        #expect(!line.contains(#"\/"#))
        #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func anEmptyRunIsAnEmptyFile() throws {
        let report = RunReport(runID: "r", startedAt: Fixture.startedAt, duration: 0, suites: [], results: [])
        #expect(try ResultsRenderer().render(report).isEmpty)
    }
}
