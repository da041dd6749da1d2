import Foundation
import ProctorCore
import ProctorReports
import ProctorRun
import Testing

@Suite struct ResultLineTests {
    @Test func schemaTwoRoundTripsEverythingTheReportsUse() throws {
        var sample = Sample(
            suite: "s", caseID: "c", sampleID: "3", model: "m", response: "r\u{0}/\u{2028}",
            usage: Usage(promptTokens: 10, completionTokens: 5, cost: 0.000_012_5, latencyMilliseconds: 412.5), variant: "v")
        sample.modelVersion = "m-2026"
        sample.position = 7
        let verdict = Verdict.fail(
            "`assert f(1) == 2` failed: AssertionError", extracted: "def f(x): return x", log: "stderr:\nTraceback",
            details: VerdictDetails(kind: "test-failed", statement: "assert f(1) == 2", exception: "AssertionError",
                                    tracebackTail: "Traceback"))
        let graded = GradedSample(sample: sample, pattern: .completion, verdict: verdict, duration: 0.012_345)
        let line = ResultLine(graded, runID: "run", passAtK: [1: 0.5, 2: 1], passAllK: nil)
        let data = try ResultLine.encoder.encode(line)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(#"{"case":"c","completion_tokens":5,"cost_usd":0.0000125,"details":{"exception":"AssertionError""#))
        #expect(text.contains(#""duration_ms":12.345,"#))
        #expect(text.contains(#""pass_all_k":null,"pass_at_k":{"1":0.5,"2":1},"#))
        #expect(text.contains(#""schema":2,"#))
        #expect(text.contains(#""latency_ms":412.5,"#))
        let back = try JSONDecoder().decode(ResultLine.self, from: data).graded(origin: nil)
        #expect(back.sample.key == sample.key)
        #expect(back.sample.response == sample.response)
        #expect(back.sample.usage == sample.usage)
        #expect(back.sample.modelVersion == "m-2026")
        #expect(back.sample.position == 7)
        #expect(back.verdict == verdict)
        #expect(back.pattern == .completion)
        #expect(abs(back.duration - 0.012_345) < 0.000_001)
    }

    /// A repaired sample's latency is the sum of its rounds', each round keeping its own.
    @Test func latencyOfEachRoundAndTheirSumRoundTrip() throws {
        let rounds = [400.0, 250.0].enumerated().map { index, latency in
            GradedRound(round: index + 1, response: "r\(index)", verdict: .fail("no"),
                        usage: Usage(promptTokens: 1, completionTokens: 1, latencyMilliseconds: latency))
        }
        let sum = try #require(Usage.total(rounds.compactMap(\.usage)))
        #expect(sum.latencyMilliseconds == 650)
        var graded = GradedSample(
            sample: Sample(suite: "s", caseID: "c", sampleID: "1", response: "r1", usage: sum), pattern: .debug,
            verdict: .fail("no"), duration: 0)
        graded.rounds = rounds
        let data = try ResultLine.encoder.encode(ResultLine(graded, runID: "run", passAtK: nil, passAllK: nil))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""latency_ms":650,"#) && text.contains(#""latency_ms":400,"#))
        let back = try JSONDecoder().decode(ResultLine.self, from: data).graded(origin: nil)
        #expect(back.sample.usage?.latencyMilliseconds == 650)
        #expect(back.rounds.map { $0.usage?.latencyMilliseconds } == [400, 250])
    }

    @Test func linesOfSchemaOneAreReadAndNewerSchemasAreRefusedWithTheirLine() throws {
        let folder = try RunFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = RunFixtures.fixtures.appendingPathComponent("explain-schema1.jsonl")
        let (results, runIDs) = try ResultsReader.read(old, displayPath: "old.jsonl")
        #expect(results.count == 16)
        #expect(runIDs.count == 1)
        #expect(results[0].verdict.details.isEmpty)
        #expect(results[0].sample.position == nil)
        #expect(results[0].sample.key.label() == "explain/explain-join #1 [demo-model]")

        let newer = folder.appendingPathComponent("newer.jsonl")
        try #"{"schema":3,"suite":"s","case":"c","sample":"1","pattern":"sql","verdict":"pass"}"#
            .write(to: newer, atomically: true, encoding: .utf8)
        let error = #expect(throws: BadInput.self) { try ResultsReader.read(newer, displayPath: "newer.jsonl") }
        #expect(error?.diagnostics.first?.message == "results schema 3 is newer than this Proctor's (2)")
        #expect(error?.diagnostics.first?.location == SourceLocation(file: "newer.jsonl", line: 1))
    }
}
