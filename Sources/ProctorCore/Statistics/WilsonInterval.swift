import Foundation

/// The Wilson score interval of a binomial proportion: sound for small n and rates near 0 or 1.
public struct WilsonInterval: Sendable, Hashable {
    public var lower: Double
    public var upper: Double

    /// The interval for `successes` of `trials` at the confidence `z` gives (1.96: 95 %); [0, 1] for no trials.
    public init(successes: Int, trials: Int, z: Double = 1.959964) {
        guard trials > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }
}
