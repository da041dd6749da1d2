import ProctorCore
import Testing

/// A case over several databases passes only if the candidate matches the gold on every one.
@Suite struct DatabasesTests {
    static let gold = "SELECT COUNT(*) FROM students WHERE grade = 10"

    @Test func hardCodedAnswerFailsOnTheOtherDatabase() async throws {
        let verdict = try await Fixtures.grade("SELECT 4", gold: Self.gold, databases: ["school.sql", "school2.sql"])
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "on school2.sql: 1 row differs: got (4) expected (2)")
        #expect(verdict.log.contains("database school2.sql:"))
    }

    @Test func rightAnswerPassesOnEveryDatabase() async throws {
        let verdict = try await Fixtures.grade(
            "SELECT COUNT(id) FROM students WHERE grade BETWEEN 10 AND 10", gold: Self.gold,
            databases: ["school.sql", "school2.sql"])
        #expect(verdict.outcome == .pass)
    }

    @Test func errorNamesTheDatabase() async throws {
        let verdict = try await Fixtures.grade(
            "SELECT CASE WHEN COUNT(*) = 4 THEN 4 ELSE zeroblob(2000000000) END FROM students WHERE grade = 10",
            gold: Self.gold, databases: ["school.sql", "school2.sql"])
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "on school2.sql: SQLite error: string or blob too big")
    }
}
