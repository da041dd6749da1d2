/// Grades responses to the cases of the patterns it is registered for.
public protocol Grader: Sendable {
    /// Loads what grading `testCase` needs (fixtures, reference answers), once, before any sample.
    ///
    /// Throws `BadInput` for problems of the suite itself (a missing fixture, a gold query that errors):
    /// those are never charged to a model.
    func prepare(_ testCase: Case, of suite: Suite) async throws -> any CaseGrader
}

/// Grades responses to one prepared case.
public protocol CaseGrader: Sendable {
    /// Grades one raw model response.
    ///
    /// A wrong or unrunnable answer is a verdict; only a failure of the harness throws.
    func grade(_ response: String) async throws -> Verdict

    /// What preparing the case found worth telling the suite's author (`proctor validate` prints it).
    var notes: [String] { get }
}

extension CaseGrader {
    public var notes: [String] { [] }
}

/// A prepared case that can grade code as it is, without looking for it in a response: what grades code that was
/// built rather than answered (an edit applied to given code).
public protocol CodeGrader: CaseGrader {
    /// Grades `code` itself (a program, a query).
    func grade(code: String) async throws -> Verdict
}
