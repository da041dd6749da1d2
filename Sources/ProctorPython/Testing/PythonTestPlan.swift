/// What the harness knows of a case's tests before any program runs: how many top-level statements they have.
///
/// Found by compiling the tests in the sandbox's interpreter with no program loaded; a pass must then report each
/// of these statements, in order.
public struct PythonTestPlan: Sendable, Hashable {
    public var statements: Int

    public init(statements: Int) {
        self.statements = statements
    }
}
