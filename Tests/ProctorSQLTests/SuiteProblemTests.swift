import Foundation
import ProctorRun
import ProctorCore
import Testing

@testable import ProctorSQL

/// Problems of the suite itself throw `BadInput` located at the case, never a verdict against the model.
@Suite struct SuiteProblemTests {
    static func problem(gold: String = "SELECT 1", databases: [String] = ["school.sql"]) async throws -> Diagnostic {
        let error = try await #require(throws: BadInput.self) {
            _ = try await Fixtures.prepare(gold: gold, databases: databases)
        }
        #expect(error.diagnostics.count == 1)
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.location == Fixtures.location)
        #expect(diagnostic.severity == .error)
        return diagnostic
    }

    @Test func missingFixture() async throws {
        let diagnostic = try await Self.problem(databases: ["nowhere.sql"])
        #expect(diagnostic.message == "fixture not found: \(Fixtures.url("nowhere.sql").path)")
        #expect(diagnostic.description.hasPrefix("suites/school.yaml:12:5: error: fixture not found: "))
    }

    @Test func fixtureScriptThatFailsQuotesSQLite() async throws {
        let diagnostic = try await Self.problem(databases: ["broken.sql"])
        #expect(diagnostic.message == "fixture script failed: \(Fixtures.url("broken.sql").path):3: no such table: missing_table")
    }

    @Test func goldQueryThatFails() async throws {
        let diagnostic = try await Self.problem(gold: "SELECT nope FROM students")
        #expect(diagnostic.message == "gold query fails on school.sql: no such column: nope")
    }

    @Test func goldQueryThatWrites() async throws {
        let diagnostic = try await Self.problem(gold: "DELETE FROM students")
        #expect(diagnostic.message == "gold query is not a single read statement (not allowed: DELETE)")
    }

    @Test func goldQueryWithSeveralStatements() async throws {
        let diagnostic = try await Self.problem(gold: "SELECT 1; SELECT 2")
        #expect(diagnostic.message == "gold query is not a single read statement (several statements; only one query is allowed)")
    }

    @Test func goldQueryThatReturnsTooManyRows() async throws {
        let error = try await #require(throws: BadInput.self) {
            _ = try await Fixtures.prepare(gold: "SELECT * FROM students", maxRows: 3)
        }
        #expect(error.diagnostics.first?.message == "gold query returns more than 3 rows on school.sql")
        #expect(error.diagnostics.first?.hint == "raise max_rows")
    }

    @Test func caseWithoutSQLCheck() async throws {
        let testCase = Case(
            id: "explain-1", pattern: .explain, prompt: "Explain.", check: ExplainCheck(),
            location: Fixtures.location)
        let error = try await #require(throws: BadInput.self) {
            _ = try await SQLGrader().prepare(testCase, of: Fixtures.suite)
        }
        #expect(error.diagnostics.first?.location == Fixtures.location)
    }

    @Test func fixtureIsBuiltOncePerFile() throws {
        let cache = FixtureCache()
        let first = try cache.fixture(for: Fixtures.url("school.sql")).get()
        let again = try cache.fixture(for: Fixtures.directory.appendingPathComponent("./school.sql")).get()
        let other = try cache.fixture(for: Fixtures.url("school2.sql")).get()
        #expect(first === again)
        #expect(first !== other)
    }

    @Test func oneGraderSharesFixturesAcrossCases() async throws {
        let grader = SQLGrader()
        let one = try await grader.prepare(Fixtures.sqlCase(gold: "SELECT COUNT(*) FROM students"), of: Fixtures.suite)
        let two = try await grader.prepare(Fixtures.sqlCase(gold: "SELECT COUNT(*) FROM courses"), of: Fixtures.suite)
        let references = [one, two].compactMap { ($0 as? SQLCaseGrader)?.references.first?.fixture }
        #expect(references.count == 2)
        #expect(references[0] === references[1])
    }
}
