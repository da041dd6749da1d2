import Foundation

/// The exact McNemar test on paired outcomes: of the pairs where exactly one side passed, how unlikely a split
/// this lopsided is if both sides were equally good (a two-sided binomial test with p = 1/2).
public enum McNemarTest {
    /// The two-sided p-value for `onlyA` pairs that only A passed and `onlyB` that only B passed; 1 without any.
    public static func pValue(onlyA: Int, onlyB: Int) -> Double {
        let n = onlyA + onlyB
        guard n > 0 else { return 1 }
        let k = min(onlyA, onlyB)
        // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so large n stays finite.
        var tail = 0.0
        for i in 0...k { tail += exp(logChoose(n, i) - Double(n) * log(2)) }
        return min(1, 2 * tail)
    }

    /// The fewest differing pairs with which the test can give p < `alpha`, all of them on one side: 6 at 0.05
    /// (p = 1/32). With fewer, no result is significant however lopsided.
    public static func fewestDifferingPairs(alpha: Double = 0.05) -> Int {
        var pairs = 1
        while pValue(onlyA: 0, onlyB: pairs) >= alpha { pairs += 1 }
        return pairs
    }

    /// About how many pairs a difference of the observed size needs for p < `alpha`: pairs that differ as often
    /// as `onlyA + onlyB` of `paired` did, split between the sides as they were. Nil without a difference (an even
    /// split), and beyond ten million pairs.
    public static func pairsNeeded(onlyA: Int, onlyB: Int, paired: Int, alpha: Double = 0.05) -> Int? {
        let differing = onlyA + onlyB
        guard differing > 0, onlyA != onlyB, paired >= differing else { return nil }
        let share = Double(max(onlyA, onlyB)) / Double(differing)
        func significant(_ pairs: Int) -> Bool {
            let more = Int((share * Double(pairs)).rounded())
            return pValue(onlyA: pairs - more, onlyB: more) < alpha
        }
        // Rounding the split makes the p-value fall unevenly as the pairs grow: the first significant count is
        // searched one by one up to 2000 pairs, and beyond by doubling and bisecting (close enough for "about").
        var pairs = max(differing, fewestDifferingPairs(alpha: alpha))
        while pairs <= 2000 {
            if significant(pairs) { return Int((Double(pairs) * Double(paired) / Double(differing)).rounded(.up)) }
            pairs += 1
        }
        var low = pairs - 1
        var high = pairs
        while !significant(high) {
            low = high
            high *= 2
            if high > 10_000_000 { return nil }
        }
        while high - low > 1 {
            let middle = (low + high) / 2
            if significant(middle) { high = middle } else { low = middle }
        }
        return Int((Double(high) * Double(paired) / Double(differing)).rounded(.up))
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
