import Foundation

/// A named collection of cases loaded from one suite file.
public struct Suite: Sendable, Hashable {
    /// The suite name: the `suite` key, or the file name without extension.
    public var name: String
    /// The suite file.
    public var file: URL
    /// The default system prompt of the cases.
    public var system: String?
    public var description: String?
    public var cases: [Case]
    /// Named system prompts to compare, in file order; each replaces the suite's `system` for a run.
    public var variants: [Variant]
    /// The least pass rate (0...1) of this suite's samples that keeps a run's gate met.
    public var minPassRate: Double?

    public init(
        name: String, file: URL, system: String? = nil, description: String? = nil, cases: [Case],
        variants: [Variant] = []
    ) {
        self.name = name
        self.file = file
        self.system = system
        self.description = description
        self.cases = cases
        self.variants = variants
    }

    /// The system prompt of `testCase` under `variant`: the case's own, else the variant's, else the suite's.
    public func system(for testCase: Case, variant: String?) -> String? {
        if testCase.hasOwnSystem { return testCase.system }
        guard let variant else { return testCase.system }
        return variants.first { $0.name == variant }?.system ?? testCase.system
    }
}

/// A named system prompt of a suite.
public struct Variant: Sendable, Hashable {
    public var name: String
    public var system: String

    public init(name: String, system: String) {
        self.name = name
        self.system = system
    }
}
