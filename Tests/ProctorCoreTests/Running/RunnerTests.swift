import Foundation
import ProctorRun
import ProctorCore
import Testing

/// A grader that fails to prepare one case, to check problems are collected, not thrown one by one.
private struct PickyGrader: Grader {
    func prepare(_ testCase: Case, of suite: Suite) async throws -> any CaseGrader {
        if testCase.id.hasPrefix("broken") {
            throw BadInput(.error("fixture not found", at: testCase.location))
        }
        return try await ExplainGrader().prepare(testCase, of: suite)
    }
}

@Suite struct RunnerTests {
    func suite(_ ids: [String]) -> Suite {
        let cases = ids.enumerated().map { index, id in
            Case(id: id, pattern: .explain, prompt: "p", check: ExplainCheck(mentions: ["join"]),
                 location: SourceLocation(file: "s.yaml", line: index + 1))
        }
        return Suite(name: "s", file: URL(fileURLWithPath: "s.yaml"), cases: cases)
    }

    @Test func gradesInParallelAndKeepsSuiteCaseSampleOrder() async throws {
        let suite = suite(["c1", "c2", "c3"])
        var samples: [Sample] = []
        for id in ["c3", "c1", "c2"] {
            for n in 1...4 {
                let text = n % 2 == 0 ? "This query uses a join to combine the tables." : "This query lists rows of a table."
                samples.append(Sample(suite: "s", caseID: id, sampleID: "\(n)", response: text))
            }
        }
        let runner = Runner(graders: [.explain: ExplainGrader()], jobs: 3)
        let report = try await runner.run(try await runner.prepare([suite]), samples: samples)
        #expect(report.results.map { "\($0.sample.caseID)#\($0.sample.sampleID)" } == [
            "c1#1", "c1#2", "c1#3", "c1#4", "c2#1", "c2#2", "c2#3", "c2#4", "c3#1", "c3#2", "c3#3", "c3#4",
        ])
        #expect(report.tally.passed == 6)
        #expect(report.tally.failed == 6)
        #expect(report.tally.passRate == 0.5)
    }

    @Test func prepareCollectsEverySuiteProblem() async throws {
        let runner = Runner(graders: [.explain: PickyGrader()], jobs: 2)
        let error = await #expect(throws: BadInput.self) {
            _ = try await runner.prepare([suite(["ok", "broken-1", "broken-2"])])
        }
        #expect(error?.diagnostics.map(\.location?.line) == [2, 3])
    }

    @Test func missingGraderIsASuiteProblem() async throws {
        let error = await #expect(throws: BadInput.self) {
            _ = try await Runner(graders: [:], jobs: 1).prepare([suite(["a"])])
        }
        #expect(error?.diagnostics.first?.message == "no grader for pattern explain")
    }

    @Test func oversizedResponseIsAnErrorWithoutGradingAndKeepsOnlyItsStart() async throws {
        var suite = suite(["small", "roomy"])
        suite.cases[1].maxResponseBytes = 3 << 20
        let huge = "This query uses a join. " + String(repeating: "é", count: 1 << 20)  // 2 MiB + 24 bytes
        let samples = ["small", "roomy"].map { Sample(suite: "s", caseID: $0, sampleID: "1", response: huge) }
        let runner = Runner(graders: [.explain: ExplainGrader()], jobs: 2)
        let results = try await runner.run(try await runner.prepare([suite]), samples: samples).results
        #expect(results[0].verdict.outcome == .error)
        #expect(results[0].verdict.reason == "response larger than 1 MiB (2097176 bytes; max_response_bytes admits more)")
        #expect(results[0].verdict.extracted == nil)
        #expect(results[0].sample.response.utf8.count < 4200)
        #expect(results[0].sample.response.hasPrefix("This query uses a join. éé"))
        #expect(results[0].sample.response.hasSuffix("[… response cut: 2097176 bytes in all, the last 2093080 not kept]"))
        #expect(results[1].verdict.outcome == .pass)
        #expect(results[1].sample.response == huge)
    }

    @Test func responseOfExactlyTheLimitIsGraded() async throws {
        var suite = suite(["c"])
        suite.cases[0].maxResponseBytes = 1000
        let runner = Runner(graders: [.explain: ExplainGrader()], jobs: 1)
        let prepared = try await runner.prepare([suite])
        let fits = "This query uses a join. " + String(repeating: "é", count: 488)
        let report = try await runner.run(prepared, samples: [
            Sample(suite: "s", caseID: "c", sampleID: "1", response: fits),
            Sample(suite: "s", caseID: "c", sampleID: "2", response: fits + "y"),
        ])
        #expect(report.results.map(\.verdict.outcome) == [.pass, .error])
        #expect(report.results[1].verdict.reason.hasPrefix("response larger than 1000 bytes ("))
    }
}
