import ProctorCore
import ProctorSuites

/// A pattern: how its cases are read from a suite (``CaseReader``) and which grader grades them.
public protocol PatternDefinition: CaseReader {
    /// The grader of this pattern's cases; `context` holds what patterns share, such as the Python sandbox.
    func grader(in context: GraderContext) throws -> any Grader
}
