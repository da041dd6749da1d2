import Foundation
import ProctorCore
import Testing

/// Only one read statement ever runs; nothing reaches the fixture file or the file system.
@Suite struct SafetyTests {
    static let gold = "SELECT name FROM students"

    static let hostile: [(sql: String, reason: String)] = [
        ("DROP TABLE students", "not allowed: DROP TABLE"),
        ("DELETE FROM students", "not allowed: DELETE"),
        ("INSERT INTO students (name) VALUES ('Mallory')", "not allowed: INSERT"),
        ("UPDATE students SET grade = 0", "not allowed: UPDATE"),
        ("CREATE TEMP TABLE t AS SELECT * FROM students", "not allowed: CREATE TEMP TABLE"),
        ("CREATE TABLE t (x)", "not allowed: CREATE TABLE"),
        ("ALTER TABLE students ADD COLUMN x", "not allowed: ALTER TABLE"),
        ("ATTACH DATABASE ':memory:' AS other", "not allowed: ATTACH"),
        ("PRAGMA writable_schema = 1", "not allowed: PRAGMA"),
        ("SELECT load_extension('/tmp/evil')", "not allowed: load_extension()"),
        ("BEGIN", "not allowed: BEGIN"),
        ("REINDEX", "not allowed: REINDEX"),
        ("WITH doomed AS (SELECT id FROM students) DELETE FROM students WHERE id IN doomed", "not allowed: DELETE"),
        ("SELECT * FROM pragma_table_info('students')", "not allowed: PRAGMA function"),
        ("UPDATE sqlite_master SET sql = ''", "not allowed: UPDATE"),
        ("WITH x AS (SELECT 1) UPDATE sqlite_master SET name = 'x'", "not allowed: UPDATE"),
        ("WITH x AS (SELECT 1) INSERT INTO students (name) SELECT 'y' FROM x", "not allowed: INSERT"),
        ("SELECT name FROM students; DROP TABLE students;", "several statements; only one query is allowed"),
        ("SELECT name FROM students; SELECT name FROM teachers", "several statements; only one query is allowed"),
    ]

    @Test(arguments: hostile)
    func hostileStatementIsRefused(_ sql: String, _ reason: String) async throws {
        let verdict = try await Fixtures.grade("```sql\n\(sql)\n```", gold: Self.gold)
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == reason)
    }

    @Test func vacuumIntoWritesNothing() async throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-vacuum-\(UUID().uuidString).db")
        let verdict = try await Fixtures.grade("```sql\nVACUUM INTO '\(target.path)'\n```", gold: Self.gold)
        #expect(verdict.reason == "not allowed: VACUUM")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func attachingAFileCreatesNothing() async throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-attach-\(UUID().uuidString).db")
        let verdict = try await Fixtures.grade("ATTACH DATABASE '\(target.path)' AS x", gold: Self.gold)
        #expect(verdict.outcome == .error)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func tableValuedFunctionsThatOnlyReadRun() async throws {
        let verdict = try await Fixtures.grade("SELECT COUNT(*) FROM json_each('[1, 2, 3]')", gold: "SELECT 3")
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func trailingSemicolonsAndCommentsAreOneStatement() async throws {
        let verdict = try await Fixtures.grade("SELECT name FROM students;;  -- done\n/* end */ ;", gold: Self.gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func fixtureIsUnchangedAfterHostileQueries() async throws {
        let url = Fixtures.url("school.sql")
        let before = try Data(contentsOf: url)
        let grader = try await Fixtures.prepare(gold: "SELECT COUNT(*) FROM students")
        for (sql, _) in Self.hostile {
            _ = try await grader.grade(sql)
        }
        #expect(try Data(contentsOf: url) == before)
        let count = try await grader.grade("SELECT COUNT(*) FROM students")
        #expect(count.outcome == .pass)
        let teachers = try await grader.grade("SELECT COUNT(*) FROM students WHERE name <> 'Mallory'")
        #expect(teachers.outcome == .pass)
    }
}
