/// Suites whose cases are ready to grade: fixtures loaded, reference answers computed.
public struct PreparedSuites: Sendable {
    public var suites: [Suite]
    let graders: [CaseKey: any CaseGrader]

    /// Number of prepared cases.
    public var caseCount: Int { graders.count }

    /// What preparing each case noted, in suite and case order; cases without notes are left out.
    public var notes: [(key: CaseKey, notes: [String])] {
        suites.flatMap { suite in
            suite.cases.compactMap { testCase -> (key: CaseKey, notes: [String])? in
                let key = CaseKey(suite: suite.name, caseID: testCase.id)
                guard let notes = graders[key]?.notes, !notes.isEmpty else { return nil }
                return (key, notes)
            }
        }
    }

    func grader(for sample: Sample) -> (any CaseGrader)? {
        graders[CaseKey(suite: sample.suite, caseID: sample.caseID)]
    }

    /// The prepared grader of a case.
    public func grader(for key: CaseKey) -> (any CaseGrader)? {
        graders[key]
    }
}
