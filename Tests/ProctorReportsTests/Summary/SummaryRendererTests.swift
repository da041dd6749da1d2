import Foundation
import ProctorCore
import ProctorReports
import Testing

/// The Markdown summary gives what the console gives about tokens, cost and pass@k.
struct SummaryRendererTests {
    static func sample(_ model: String, _ caseID: String, _ sampleID: String, _ outcome: Verdict, cost: Double?)
        -> GradedSample
    {
        GradedSample(
            sample: Sample(suite: "school", caseID: caseID, sampleID: sampleID, model: model, response: "",
                           usage: Usage(promptTokens: 100, completionTokens: 50, cost: cost)),
            pattern: .sql, verdict: outcome, duration: 0.1)
    }

    static func render(_ results: [GradedSample]) throws -> String {
        let report = RunReport(runID: "run-1", startedAt: Date(timeIntervalSince1970: 0), duration: 1,
                               suites: [], results: results)
        return String(decoding: try SummaryRenderer().render(report), as: UTF8.self)
    }

    @Test func mixedPricesKeepTheCostAndGiveEachModel() throws {
        let text = try Self.render([
            Self.sample("priced", "a", "1", .pass(), cost: 0.0025),
            Self.sample("priced", "b", "1", .fail("wrong"), cost: 0.0015),
            Self.sample("free|local", "a", "1", .pass(), cost: nil),
        ])
        #expect(text.contains("Tokens: 300 prompt + 150 completion; cost $0.0040 (models with prices only).\n"))
        #expect(text.contains("- priced: 200 prompt + 100 completion; cost $0.0040\n"))
        #expect(text.contains("- free\\|local: 100 prompt + 50 completion; no prices\n"))
    }

    @Test func oneModelHasOneLine() throws {
        let text = try Self.render([Self.sample("priced", "a", "1", .pass(), cost: 0.001)])
        #expect(text.contains("Tokens: 100 prompt + 50 completion; cost $0.0010.\n"))
        #expect(!text.contains("- priced:"))
        #expect(!text.contains("pass@"))
    }

    @Test func severalSamplesGivePassAtK() throws {
        let text = try Self.render([
            Self.sample("m", "a", "1", .pass(), cost: nil),
            Self.sample("m", "a", "2", .fail("no"), cost: nil),
            Self.sample("m", "a", "3", .fail("no"), cost: nil),
        ])
        #expect(text.contains("Mean over cases with several samples: pass@1 0.333, pass@3 1.000, pass^3 0.000.\n"))
        #expect(text.contains("Tokens: 300 prompt + 150 completion.\n"))
    }
}
