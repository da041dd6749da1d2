/// The user's input (suites, fixtures, samples, flags) is wrong; the run cannot start.
///
/// The CLI maps it to exit code 2. Everything else that is thrown is a failure of the harness.
public struct BadInput: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    /// Every diagnostic, up to ``Diagnostic/shownLimit``, then how many more.
    public var description: String { Diagnostic.lines(diagnostics).joined(separator: "\n") }
}
