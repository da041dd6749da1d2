/// What identifies a graded sample across runs, files and reports: suite, case, sample, model and variant.
public struct SampleKey: Hashable, Sendable {
    public var suite: String
    public var caseID: String
    public var sampleID: String
    public var model: String?
    public var variant: String?

    public init(suite: String, caseID: String, sampleID: String, model: String? = nil, variant: String? = nil) {
        self.suite = suite
        self.caseID = caseID
        self.sampleID = sampleID
        self.model = model
        self.variant = variant
    }

    /// The case the sample answers.
    public var caseKey: CaseKey { CaseKey(suite: suite, caseID: caseID) }

    /// The samples of the same case from the same model and variant.
    public var caseSamples: CaseSamples { CaseSamples(suite: suite, caseID: caseID, model: model, variant: variant) }

    /// `model, variant` as far as they are known, or nil.
    public var tags: String? {
        let tags = [model, variant].compactMap { $0 }
        return tags.isEmpty ? nil : tags.joined(separator: ", ")
    }

    /// Model and variant as one side of a comparison: `gpt-4o`, `gpt-4o, python-only`, or `unspecified`.
    public var modelGroup: String { ([model ?? "unspecified"] + (variant.map { [$0] } ?? [])).joined(separator: ", ") }

    /// `suite/case #n [model, variant]` — the one way a sample is named to people; `#n` left out on request.
    public func label(showingSample: Bool = true) -> String {
        "\(suite)/\(caseID)" + (showingSample ? " #\(sampleID)" : "") + (tags.map { " [\($0)]" } ?? "")
    }
}

/// Identifies a case across suites.
public struct CaseKey: Hashable, Sendable {
    public var suite: String
    public var caseID: String

    public init(suite: String, caseID: String) {
        self.suite = suite
        self.caseID = caseID
    }
}

extension Sample {
    /// The sample's identity.
    public var key: SampleKey {
        SampleKey(suite: suite, caseID: caseID, sampleID: sampleID, model: model, variant: variant)
    }
}
