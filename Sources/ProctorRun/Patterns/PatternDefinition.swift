import ProctorCore
import ProctorSuites

/// A pattern: how its cases are read from a suite (``CaseReader``) and which grader grades them.
public protocol PatternDefinition: CaseReader {
    /// The grader of this pattern's cases; `context` holds what patterns share, such as the Python sandbox.
    func grader(in context: GraderContext) throws -> any Grader

    /// The texts a case's verdicts are measured against that could depend on the clock or chance (a gold query).
    func references(of testCase: Case) -> [String]
}

extension PatternDefinition {
    public func references(of testCase: Case) -> [String] { [] }
}
