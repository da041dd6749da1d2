import Foundation
import ProctorCore

/// Grades `sql` cases: runs the response's query on a read-only clone of each fixture and compares its
/// result with the gold query's.
///
/// Fixture scripts are built once per file for the grader's lifetime, whichever cases share them, and
/// cloned per sample from one shared serialized image. Safe to call from concurrent tasks. Creating one
/// sets a process-wide SQLite heap ceiling (``HeapLimit``) if none lower is set.
public struct SQLGrader: Grader {
    private let fixtures = FixtureCache()
    private let extractor = SQLExtractor()
    private let neighbourCache: NeighbourCache?

    /// `neighbourCache`, when given, keeps each case's neighbours between runs.
    public init(neighbourCache: NeighbourCache? = nil) {
        self.neighbourCache = neighbourCache
        _ = HeapLimit.installed
    }

    public func prepare(_ testCase: Case, of suite: Suite) async throws -> any CaseGrader {
        let location = testCase.location
        guard let check = testCase.check as? SQLCheck else {
            throw BadInput(.error("case '\(testCase.id)' has no SQL check", at: location))
        }
        guard !check.databases.isEmpty else {
            throw BadInput(.error("case '\(testCase.id)' names no database", at: location))
        }
        let limits = ExecutionLimits(timeout: testCase.timeout, maxRows: check.maxRows)
        let shape = QueryShape(check.gold)
        var references: [Reference] = []
        for url in check.databases {
            switch fixtures.fixture(for: url) {
            case .success(let fixture):
                references.append(
                    try Reference(
                        gold: check.gold, shape: shape, fixture: fixture, check: check, limits: limits,
                        location: location))
            case .failure(let problem):
                throw BadInput(.error(problem.message, at: location))
            }
        }
        let neighbours = try Neighbours.prepare(
            gold: check.gold, shape: shape, references: references, check: check, limits: limits, location: location,
            cache: neighbourCache)
        return SQLCaseGrader(
            references: references, neighbours: neighbours.references, limits: limits,
            comparer: ValueComparer(tolerance: check.tolerance), extractor: extractor, notes: [neighbours.note])
    }
}
