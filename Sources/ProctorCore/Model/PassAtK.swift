/// The unbiased pass@k estimator of Chen et al. (2021): the chance that at least one of k samples drawn
/// without replacement from n, of which c passed, passes.
public enum PassAtK {
    /// 1 - C(n-c, k) / C(n, k), computed as a running product so large n stays exact enough.
    public static func estimate(samples n: Int, passed c: Int, k: Int) -> Double {
        guard n > 0, k > 0, k <= n, c > 0 else { return 0 }
        if n - c < k { return 1 }
        var failAll = 1.0
        for i in (n - c + 1)...n { failAll *= 1 - Double(k) / Double(i) }
        return 1 - failAll
    }

    /// The k worth reporting for cases with up to `n` samples: 1, 5, 10 and n itself.
    public static func ks(upTo n: Int) -> [Int] {
        Array(Set([1, 5, 10, n].filter { $0 <= n })).sorted()
    }

    /// pass@k for every k of ``ks(upTo:)`` for each case (suite, case, model, variant) with more than one sample.
    public static func byCase(_ results: [GradedSample]) -> [CaseSamples: [Int: Double]] {
        perCase(results, estimate)
    }

    /// pass^k: the chance that k samples drawn without replacement from n, of which c passed, all pass —
    /// C(c, k) / C(n, k); how reliably a case passes rather than whether it can.
    public static func allPass(samples n: Int, passed c: Int, k: Int) -> Double {
        guard n > 0, k > 0, k <= n, c >= k else { return 0 }
        var chance = 1.0
        for i in 0..<k { chance *= Double(c - i) / Double(n - i) }
        return chance
    }

    /// pass^k for every k of ``ks(upTo:)`` for each case with more than one sample, like ``byCase(_:)``.
    public static func allPassByCase(_ results: [GradedSample]) -> [CaseSamples: [Int: Double]] {
        perCase(results, allPass)
    }

    /// `estimator` for every k of ``ks(upTo:)`` for each case with more than one sample.
    private static func perCase(
        _ results: [GradedSample], _ estimator: (_ samples: Int, _ passed: Int, _ k: Int) -> Double
    ) -> [CaseSamples: [Int: Double]] {
        var groups: [CaseSamples: (n: Int, c: Int)] = [:]
        for result in results {
            var counts = groups[CaseSamples(result.sample)] ?? (0, 0)
            counts.n += 1
            if result.verdict.outcome == .pass { counts.c += 1 }
            groups[CaseSamples(result.sample)] = counts
        }
        var estimates: [CaseSamples: [Int: Double]] = [:]
        for (key, counts) in groups where counts.n > 1 {
            estimates[key] = Dictionary(uniqueKeysWithValues: ks(upTo: counts.n).map { ($0, estimator(counts.n, counts.c, $0)) })
        }
        return estimates
    }

    /// The mean of each case's pass@k over the cases that have it, for every k all of them have.
    public static func mean(_ estimates: some Collection<[Int: Double]>) -> [Int: Double] {
        guard let first = estimates.first else { return [:] }
        let shared = estimates.dropFirst().reduce(Set(first.keys)) { $0.intersection($1.keys) }
        return Dictionary(uniqueKeysWithValues: shared.map { k in
            (k, estimates.reduce(0) { $0 + ($1[k] ?? 0) } / Double(estimates.count))
        })
    }
}

/// The samples of one case from one model under one variant.
public struct CaseSamples: Hashable, Sendable {
    public var suite: String
    public var caseID: String
    public var model: String?
    public var variant: String?

    public init(suite: String, caseID: String, model: String?, variant: String? = nil) {
        self.suite = suite
        self.caseID = caseID
        self.model = model
        self.variant = variant
    }

    /// The group `sample` belongs to.
    public init(_ sample: Sample) {
        self = sample.key.caseSamples
    }
}
