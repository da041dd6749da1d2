import Foundation
import ProctorCore
import ProctorReports

/// The cases that did not pass in an earlier run (`--rerun-failed RESULTS`): every case with a sample whose
/// verdict there was `fail` or `error` (any model or variant).
///
/// A case is selected whole: all its samples, of every (model, variant) group of the new run, are graded again,
/// so its pass@k and its flakiness are measured as in a full run.
public struct FailedCases: Sendable, Hashable {
    /// The results file, as named.
    public var path: String
    public var cases: Set<CaseKey>

    public init(path: String, cases: Set<CaseKey>) {
        self.path = path
        self.cases = cases
    }

    /// Reads a results file (schema 1 or 2); `BadInput` naming file and line otherwise.
    public static func read(_ path: String) throws -> FailedCases {
        let results = try ResultsReader.samples(URL(fileURLWithPath: path), displayPath: path)
        return FailedCases(
            path: path, cases: Set(results.filter { $0.verdict.outcome != .pass }.map(\.sample.key.caseKey)))
    }
}
