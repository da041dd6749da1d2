/// Suites whose cases are ready to grade: fixtures loaded, reference answers computed.
public struct PreparedSuites: Sendable {
    public var suites: [Suite]
    let graders: [CaseKey: any CaseGrader]

    /// Number of prepared cases.
    public var caseCount: Int { graders.count }

    func grader(for sample: Sample) -> (any CaseGrader)? {
        graders[CaseKey(suite: sample.suite, caseID: sample.caseID)]
    }

    /// The prepared grader of a case.
    public func grader(for key: CaseKey) -> (any CaseGrader)? {
        graders[key]
    }
}
