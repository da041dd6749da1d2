import ProctorCore

/// Reads the pattern-specific keys of a case into its check; one per pattern, registered with the suite loader.
public protocol CaseReader: Sendable {
    /// The pattern whose cases this reader reads.
    var pattern: Pattern { get }
    /// The keys a case of this pattern may have besides the common ones (`id`, `pattern`, `prompt`, ...).
    var caseKeys: Set<String> { get }
    /// The keys of `caseKeys` a suite's `defaults:` may set for all its cases.
    var defaultKeys: Set<String> { get }
    /// The wall-clock limit of a case that sets none.
    var defaultTimeout: Duration { get }

    /// Whether grading runs the answer: only such a case can have repair rounds.
    var runsCode: Bool { get }

    /// The case's check, or nil after recording what is wrong in `fields`.
    func check(from fields: inout CaseFields) -> (any CaseCheck)?
}

extension CaseReader {
    public var runsCode: Bool { true }
}
