import Foundation
import ProctorCore
import Testing

@Suite struct StatisticsTests {
    /// Two-sided exact binomial test values: 2 · Σ_{i ≤ min} C(n, i) / 2^n, computed with exact integers.
    @Test(arguments: [(0, 0, 1.0), (2, 9, 0.06542969), (0, 10, 0.001953125), (5, 5, 1.0), (1, 6, 0.125), (30, 50, 0.03299262)])
    func mcNemarMatchesTheExactBinomialTest(_ onlyA: Int, _ onlyB: Int, _ expected: Double) {
        #expect(abs(McNemarTest.pValue(onlyA: onlyA, onlyB: onlyB) - expected) < 1e-6)
    }

    /// Six differing pairs, all one way, are the fewest that reach p < 0.05 (1/32); five give 1/16.
    @Test func sixDifferingPairsAreTheFewestThatCanBeSignificant() {
        #expect(McNemarTest.fewestDifferingPairs() == 6)
        #expect(McNemarTest.pValue(onlyA: 0, onlyB: 5) >= 0.05 && McNemarTest.pValue(onlyA: 0, onlyB: 6) < 0.05)
    }

    /// Pairs a difference of the observed size needs: the fewest differing pairs split as observed whose exact p is
    /// below 0.05, scaled by how often pairs differed (searched linearly in Python with exact integers).
    @Test(arguments: [(0, 4, 12, 18), (0, 1, 3, 18), (1, 3, 10, 43), (3, 5, 20, 163)])
    func pairsNeededMatchesALinearSearch(_ onlyA: Int, _ onlyB: Int, _ paired: Int, _ expected: Int) {
        #expect(McNemarTest.pairsNeeded(onlyA: onlyA, onlyB: onlyB, paired: paired) == expected)
        #expect(McNemarTest.pairsNeeded(onlyA: onlyB, onlyB: onlyA, paired: paired) == expected)
    }

    @Test func anEvenSplitNeedsNoEstimate() {
        #expect(McNemarTest.pairsNeeded(onlyA: 2, onlyB: 2, paired: 10) == nil)
        #expect(McNemarTest.pairsNeeded(onlyA: 0, onlyB: 0, paired: 10) == nil)
    }

    /// Wilson 95 % intervals from the closed formula, computed independently in Python.
    @Test(arguments: [(0, 10, 0.0, 0.2775328), (5, 10, 0.2365931, 0.7634069), (8, 14, 0.3259064, 0.7861920), (10, 10, 0.7224672, 1.0)])
    func wilsonIntervalsMatchTheReference(_ successes: Int, _ trials: Int, _ lower: Double, _ upper: Double) {
        let interval = WilsonInterval(successes: successes, trials: trials)
        #expect(abs(interval.lower - lower) < 1e-6)
        #expect(abs(interval.upper - upper) < 1e-6)
        #expect(WilsonInterval(successes: 0, trials: 0) == WilsonInterval(successes: 0, trials: 0))
    }
}
