/// The order of a report's samples: suite, then case, as the suites list them (else as they first appear), then
/// each sample's place in the run's full list (``Sample/position``), else its place in the input.
public struct ReportOrder: Sendable {
    var suiteRank: [String: Int] = [:]
    var caseRank: [CaseKey: Int] = [:]

    /// The order of `suites`; samples of suites or cases they do not hold follow, in order of appearance.
    public init(suites: [Suite]) {
        for suite in suites {
            suiteRank[suite.name] = suiteRank.count
            for testCase in suite.cases { caseRank[CaseKey(suite: suite.name, caseID: testCase.id)] = caseRank.count }
        }
    }

    /// `results` in this order; stable.
    public func sorted(_ results: [GradedSample]) -> [GradedSample] {
        var suiteRank = suiteRank
        var caseRank = caseRank
        for result in results {
            let key = result.sample.key.caseKey
            if suiteRank[key.suite] == nil { suiteRank[key.suite] = suiteRank.count }
            if caseRank[key] == nil { caseRank[key] = caseRank.count }
        }
        return results.enumerated().map { offset, result in
            let key = result.sample.key.caseKey
            return ((suiteRank[key.suite] ?? 0, caseRank[key] ?? 0, result.sample.position ?? offset, offset), result)
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }
}
