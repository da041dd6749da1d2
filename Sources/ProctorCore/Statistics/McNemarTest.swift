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

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
