/// What `proctor validate` checked, and what preparing each case noted (an SQL case's neighbours).
public struct ValidationSummary: Sendable, Equatable {
    public var suites: Int
    public var cases: Int
    /// In suite and case order; cases with nothing to say are left out.
    public var notes: [CaseNotes]
}

/// The notes of one prepared case.
public struct CaseNotes: Sendable, Equatable {
    public var suite: String
    public var caseID: String
    public var notes: [String]
}
