/// Where the responses to grade come from: a samples file, recorded responses, a live model.
public protocol ResponseSource: Sendable {
    /// The samples to grade for the selected suites.
    ///
    /// Throws `BadInput` for unreadable or inconsistent input, naming file and line.
    func samples(for suites: [Suite]) async throws -> SampleBatch

    /// The samples to grade for `suites`, the part of the loaded suites a run selected; an answer to a case in
    /// `leftOut` (loaded, but not selected) is skipped, never an error.
    func samples(for suites: [Suite], leavingOut leftOut: Set<CaseKey>) async throws -> SampleBatch
}

extension ResponseSource {
    /// A source that reads only the answers it wants (a model's cassettes) meets no answer to a left-out case.
    public func samples(for suites: [Suite], leavingOut leftOut: Set<CaseKey>) async throws -> SampleBatch {
        try await samples(for: suites)
    }
}

/// Samples to grade, with warnings about what the source skipped.
public struct SampleBatch: Sendable {
    public var samples: [Sample]
    public var warnings: [Diagnostic]
    /// Expected samples the source left out on request (`--answered-only`), which the reports must say.
    public var leftOut = 0
    /// Where the answers of repair rounds come from, when the source has any.
    public var repairs: (any RepairSource)?

    public init(samples: [Sample], warnings: [Diagnostic] = []) {
        self.samples = samples
        self.warnings = warnings
    }
}
