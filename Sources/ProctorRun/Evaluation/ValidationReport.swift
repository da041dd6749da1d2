import ProctorCore

/// What `proctor validate` proved: how many suites and cases, solutions and mutants it checked, what preparing each
/// case noted (an SQL case's neighbours), and its warnings.
public struct ValidationReport: Sendable {
    public var suites: Int
    public var cases: Int
    public var solutions: Int
    public var mutants: Int
    public var warnings: [Diagnostic]
    /// In suite and case order; cases with nothing to say are left out.
    public var notes: [CaseNotes]
}

/// The notes of one prepared case.
public struct CaseNotes: Sendable, Equatable {
    public var suite: String
    public var caseID: String
    public var notes: [String]
}
