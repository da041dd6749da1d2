import ProctorCore

/// The (classname, name) of each testcase: unique in a run, and the same for a sample in every run of the same
/// suites and groups.
///
/// classname is the suite, or `suite [model, variant]` when the run holds several (model, variant) groups; name
/// is the case id, plus ` #n` whenever the case has, or expects, more than one sample of that group.
struct TestcaseNames {
    private let severalGroups: Bool
    private let expected: [CaseKey: Int]
    private let counts: [CaseSamples: Int]

    init(_ report: RunReport) {
        severalGroups = Set(report.results.map(\.sample.key.modelGroup)).count > 1
        var expected: [CaseKey: Int] = [:]
        for suite in report.suites {
            for testCase in suite.cases { expected[CaseKey(suite: suite.name, caseID: testCase.id)] = testCase.samples ?? 1 }
        }
        self.expected = expected
        counts = Dictionary(report.results.map { (CaseSamples($0.sample), 1) }, uniquingKeysWith: +)
    }

    func classname(_ sample: Sample) -> String {
        severalGroups ? "\(sample.suite) [\(sample.key.modelGroup)]" : sample.suite
    }

    func name(_ sample: Sample) -> String {
        let key = sample.key
        let several = (expected[key.caseKey] ?? 1) > 1 || (counts[key.caseSamples] ?? 0) > 1 || key.sampleID != "1"
        return several ? "\(key.caseID) #\(key.sampleID)" : key.caseID
    }
}
