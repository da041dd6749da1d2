import Foundation
import ProctorCore

/// One line of a results file, as `proctor compare` reads it.
public struct ResultRow: Sendable, Hashable {
    public var suite: String
    public var caseID: String
    public var sample: String
    public var pattern: String
    public var model: String?
    public var variant: String?
    public var verdict: Verdict.Outcome
    public var reason: String

    /// The rows of a results file; throws `BadInput` naming file and line of every line it cannot read.
    public static func read(_ url: URL, displayPath: String) throws -> [ResultRow] {
        let rows = try ResultsReader.read(url, displayPath: displayPath).results.map(ResultRow.init)
        if rows.isEmpty { throw BadInput(.error("the results file is empty", at: SourceLocation(file: displayPath))) }
        return rows
    }

    /// `model` and `variant` as one label: `gpt-4o`, `gpt-4o, python-only`, or `unspecified`.
    public var group: String {
        ([model ?? "unspecified"] + (variant.map { [$0] } ?? [])).joined(separator: ", ")
    }
}

extension ResultRow {
    /// The row of a graded sample.
    public init(_ result: GradedSample) {
        self.init(
            suite: result.sample.suite, caseID: result.sample.caseID, sample: result.sample.sampleID,
            pattern: result.pattern.rawValue, model: result.sample.model, variant: result.sample.variant,
            verdict: result.verdict.outcome, reason: result.verdict.reason)
    }
}
