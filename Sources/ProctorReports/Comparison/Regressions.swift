import ProctorCore

/// Samples that passed in a baseline run and do not pass now, and the cases too flaky to count.
public struct Regressions: Sendable {
    /// Regressions of cases whose samples all agree now: these count against a gate.
    public var counted: [String]
    /// Regressions of cases whose samples disagree now (flaky across repeats): reported, not counted.
    public var flaky: [String]

    /// Pairs samples by their ``SampleKey``.
    public init(baseline: [GradedSample], current: [GradedSample]) {
        let passedBefore = Set(baseline.filter { $0.verdict.outcome == .pass }.map(\.sample.key))
        var outcomes: [CaseSamples: Set<Bool>] = [:]
        for result in current { outcomes[CaseSamples(result.sample), default: []].insert(result.verdict.outcome == .pass) }
        var counted: [String] = []
        var flaky: [String] = []
        for result in current where result.verdict.outcome != .pass {
            let key = result.sample.key
            guard passedBefore.contains(key) else { continue }
            if outcomes[key.caseSamples]?.count == 2 { flaky.append(key.label()) } else { counted.append(key.label()) }
        }
        self.counted = counted
        self.flaky = flaky
    }
}
