import ProctorCore

/// A run against a baseline run: the samples that passed there and have no passing answer now.
///
/// Only baseline samples this run expects (graded, or expected without a response) are paired; the others —
/// cases deleted, renamed or not selected, other models or variants, more samples than the run asks for — are
/// "not in this run" and never counted.
public struct Regressions: Sendable {
    /// Regressions of cases whose samples all agree now: these count against a gate.
    public var counted: [String]
    /// Regressions of cases whose samples disagree now and disagreed in the baseline (flaky across repeats):
    /// reported, not counted.
    public var flaky: [String]
    /// Baseline samples this run does not expect.
    public var notInRun: [String]
    /// Baseline samples that have a sample of this run, and how many the baseline holds.
    public var paired: Int, baselineSamples: Int

    /// Pairs samples by their ``SampleKey``.
    public init(baseline: [GradedSample], current: [GradedSample]) {
        let now = Dictionary(current.map { ($0.sample.key, $0) }, uniquingKeysWith: { first, _ in first })
        var outcomes: [CaseSamples: Set<Bool>] = [:]
        for result in current { outcomes[CaseSamples(result.sample), default: []].insert(result.verdict.outcome == .pass) }
        var earlier: [CaseSamples: Set<Bool>] = [:]
        for result in baseline where now[result.sample.key] != nil {
            earlier[CaseSamples(result.sample), default: []].insert(result.verdict.outcome == .pass)
        }
        var counted: [String] = []
        var flaky: [String] = []
        var notInRun: [String] = []
        var paired = 0
        for before in baseline {
            let key = before.sample.key
            guard let answer = now[key] else {
                notInRun.append(key.label())
                continue
            }
            paired += 1
            guard before.verdict.outcome == .pass, answer.verdict.outcome != .pass else { continue }
            // Flaky only when the case's samples disagreed in the baseline too: a case that always passed and now
            // sometimes fails has regressed.
            if outcomes[key.caseSamples]?.count == 2 && earlier[key.caseSamples]?.count == 2 {
                flaky.append(key.label())
            } else {
                counted.append(key.label())
            }
        }
        self.counted = counted
        self.flaky = flaky
        self.notInRun = notInRun
        self.paired = paired
        baselineSamples = baseline.count
    }

    /// What a set of samples holds, for a message: its (model, variant) groups and how many cases.
    public static func describe(_ keys: [SampleKey]) -> String {
        var groups: [String] = []
        var suites: [String] = []
        for key in keys {
            if !groups.contains(key.modelGroup) { groups.append(key.modelGroup) }
            if !suites.contains(key.suite) { suites.append(key.suite) }
        }
        let cases = Set(keys.map(\.caseKey)).count
        return "\(cases) case(s) of suite(s) \(suites.joined(separator: ", ")) from \(groups.map { "[\($0)]" }.joined(separator: " and "))"
    }
}
