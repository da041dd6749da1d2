import ProctorCore

/// Samples that passed in a baseline run and do not pass now, and the cases too flaky to count.
public struct Regressions: Sendable {
    /// Regressions of cases whose samples all agree now: these count against a gate.
    public var counted: [String]
    /// Regressions of cases whose samples disagree now (flaky across repeats): reported, not counted.
    public var flaky: [String]

    /// Pairs samples by suite, case, sample, model and variant.
    public init(baseline: [ResultRow], current: [GradedSample]) {
        func key(_ suite: String, _ caseID: String, _ sample: String, _ model: String?, _ variant: String?) -> String {
            [suite, caseID, sample, model ?? "", variant ?? ""].joined(separator: "\u{0}")
        }
        let passedBefore = Set(baseline.filter { $0.verdict == .pass }.map {
            key($0.suite, $0.caseID, $0.sample, $0.model, $0.variant)
        })
        var outcomes: [CaseSamples: Set<Bool>] = [:]
        for result in current { outcomes[CaseSamples(result.sample), default: []].insert(result.verdict.outcome == .pass) }
        var counted: [String] = []
        var flaky: [String] = []
        for result in current where result.verdict.outcome != .pass {
            let sample = result.sample
            guard passedBefore.contains(key(sample.suite, sample.caseID, sample.sampleID, sample.model, sample.variant))
            else { continue }
            let tags = [sample.model, sample.variant].compactMap { $0 }
            let name = "\(sample.suite)/\(sample.caseID) #\(sample.sampleID)" + (tags.isEmpty ? "" : " [\(tags.joined(separator: ", "))]")
            if outcomes[CaseSamples(sample)]?.count == 2 { flaky.append(name) } else { counted.append(name) }
        }
        self.counted = counted
        self.flaky = flaky
    }
}
