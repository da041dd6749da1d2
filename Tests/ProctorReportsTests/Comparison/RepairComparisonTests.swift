import Foundation
import ProctorCore
import ProctorReports
import Testing

/// First round against final: only samples with rounds pair, per (model, variant) group, and a sample that passed
/// first and failed in the end counts as broken.
@Suite struct RepairComparisonTests {
    func sample(_ caseID: String, model: String, variant: String? = nil, _ outcomes: [Verdict.Outcome]) -> GradedSample {
        var result = GradedSample(
            sample: Sample(suite: "s", caseID: caseID, sampleID: "1", model: model, response: "r", variant: variant),
            pattern: Pattern("debug"), verdict: Verdict(outcomes.last ?? .error, "final"), duration: 0)
        result.rounds = outcomes.enumerated().map { GradedRound(round: $0.offset + 1, response: "r", verdict: Verdict($0.element, "r\($0.offset + 1)")) }
        return result
    }

    @Test func groupsPairOnlyRepairableSamplesAndCountBothDirections() {
        let comparison = RepairComparison([
            sample("a", model: "m", [.fail, .pass]),
            sample("b", model: "m", [.pass]),
            sample("c", model: "m", [.pass, .fail]),
            sample("d", model: "m", []),  // no repair: not paired
            sample("e", model: "m", variant: "v", [.error, .fail, .pass]),
        ])
        #expect(comparison.groups.map(\.group) == ["m", "m, v"])
        let m = comparison.groups[0]
        let counts: [Int] = [m.paired, m.firstPassed, m.finalPassed, m.fixed, m.broken, m.repaired]
        #expect(counts == [3, 2, 2, 1, 1, 2])
        #expect(m.pValue == 1)
        #expect(m.conclusion == "no significant effect of feedback on [m]: 1 fixed, 1 broken of 3, p = 1.000; only 2 pairs differ, and an exact McNemar test needs at least 6 for p < 0.05")
        #expect(comparison.changes.map(\.result.sample.caseID) == ["a", "c", "e"])
        #expect(comparison.changes.map(\.fixed) == [true, false, true])
        let lines = RepairComparisonRenderer().lines(comparison)
        #expect(lines.contains("  broken s/c #1 [m]: round 1 pass (r1) → round 2 fail (final)"))
    }

    @Test func sevenFixesAndNoBreakageIsSignificant() {
        let figures = RepairComparison((0..<7).map { sample("c\($0)", model: "m", [.fail, .pass]) }).groups[0]
        #expect(abs(figures.pValue - 0.015625) < 1e-12)
        #expect(figures.conclusion == "feedback helps [m] significantly: 7 fixed, 0 broken of 7, p = 0.016")
    }
}
