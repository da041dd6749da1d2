import Foundation
import ProctorRun
import ProctorCore
import ProctorSQL

/// Fixture scripts next to these tests, and a way to grade a response against a gold query on them.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    static let location = SourceLocation(file: "suites/school.yaml", line: 12, column: 5)

    static func sqlCase(
        gold: String, databases: [String] = ["school.sql"], order: SQLCheck.OrderPolicy = .auto,
        tolerance: Double = 1e-6, maxRows: Int = 100_000, timeout: Duration = .seconds(2),
        neighbours: Int = SQLCheck.defaultNeighbours
    ) -> Case {
        let check = SQLCheck(
            databases: databases.map(url), gold: gold, order: order, tolerance: tolerance, maxRows: maxRows,
            neighbours: neighbours)
        return Case(
            id: "case", pattern: .sql, prompt: "Write the query.", timeout: timeout, check: check,
            location: location)
    }

    static let suite = Suite(name: "school", file: URL(fileURLWithPath: "suites/school.yaml"), cases: [])

    /// Prepares a case for `gold` with a fresh grader.
    static func prepare(
        gold: String, databases: [String] = ["school.sql"], order: SQLCheck.OrderPolicy = .auto,
        tolerance: Double = 1e-6, maxRows: Int = 100_000, timeout: Duration = .seconds(2),
        neighbours: Int = SQLCheck.defaultNeighbours, cache: NeighbourCache? = nil
    ) async throws -> any CaseGrader {
        let testCase = sqlCase(
            gold: gold, databases: databases, order: order, tolerance: tolerance, maxRows: maxRows, timeout: timeout,
            neighbours: neighbours)
        return try await SQLGrader(neighbourCache: cache).prepare(testCase, of: suite)
    }

    /// Grades `response` against `gold`.
    static func grade(
        _ response: String, gold: String, databases: [String] = ["school.sql"], order: SQLCheck.OrderPolicy = .auto,
        tolerance: Double = 1e-6, maxRows: Int = 100_000, timeout: Duration = .seconds(2),
        neighbours: Int = SQLCheck.defaultNeighbours
    ) async throws -> Verdict {
        let grader = try await prepare(
            gold: gold, databases: databases, order: order, tolerance: tolerance, maxRows: maxRows, timeout: timeout,
            neighbours: neighbours)
        return try await grader.grade(response)
    }
}
