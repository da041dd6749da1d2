import Foundation
import ProctorCore
import Testing

@testable import ProctorSQL

/// A response that matches the gold on the fixture must match it on the fixture's neighbours too: databases
/// derived from it that tell the gold apart from its near variants.
@Suite struct NeighbourTests {
    @Test func hardCodedAnswerFailsOnANeighbour() async throws {
        let gold = "SELECT COUNT(*) FROM students WHERE grade = 10"
        let verdict = try await Fixtures.grade("SELECT 4", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason.hasPrefix("on neighbour 1 of school.sql ("), "\(verdict.reason)")
        #expect(verdict.reason.contains("1 row differs: got (4) expected ("))
        #expect(verdict.details.kind == "neighbour")
        #expect(verdict.details.got == "(4)\n  (4)")
        #expect(verdict.details.expected?.hasPrefix("(COUNT(*))\n  (") == true)
        #expect(verdict.log.contains("database neighbour 1 of school.sql"))
    }

    @Test func offTurnsThemOff() async throws {
        let gold = "SELECT COUNT(*) FROM students WHERE grade = 10"
        let verdict = try await Fixtures.grade("SELECT 4", gold: gold, neighbours: 0)
        #expect(verdict.outcome == .pass)
        let grader = try await Fixtures.prepare(gold: gold, neighbours: 0)
        #expect(grader.notes == ["neighbours: off"])
    }

    @Test func wrongComparisonThatSelectsTheSameRowsFails() async throws {
        // No score is exactly 90 in the fixture, so `>=` and `>` agree there; a boundary neighbour sets one to 90.
        let gold = "SELECT student_id, course_id FROM enrollments WHERE score > 90"
        let same = try await Fixtures.grade("SELECT student_id, course_id FROM enrollments WHERE score >= 90", gold: gold, neighbours: 0)
        #expect(same.outcome == .pass)
        let verdict = try await Fixtures.grade("SELECT student_id, course_id FROM enrollments WHERE score >= 90", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason.contains("set to 90"), "\(verdict.reason)")
        let right = try await Fixtures.grade("SELECT student_id, course_id FROM enrollments WHERE NOT score <= 90", gold: gold)
        #expect(right.outcome == .pass, "\(right.reason)")
    }

    @Test func limitThatHappensToCutAtATieFails() async throws {
        // Exactly three students have the top grade in the fixture.
        let gold = "SELECT name FROM students WHERE grade = (SELECT MAX(grade) FROM students)"
        let verdict = try await Fixtures.grade("SELECT name FROM students ORDER BY grade DESC LIMIT 3", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason.hasPrefix("on neighbour "), "\(verdict.reason)")
    }

    @Test func rightAnswersStillPass() async throws {
        let cases: [(gold: String, response: String)] = [
            ("SELECT COUNT(*) FROM students WHERE grade = 10", "SELECT COUNT(id) FROM students WHERE grade BETWEEN 10 AND 10"),
            ("SELECT name FROM students WHERE city = 'Boston' ORDER BY name", "SELECT name FROM students WHERE city IN ('Boston') ORDER BY 1"),
            ("SELECT DISTINCT city FROM students WHERE city IS NOT NULL", "SELECT city FROM students WHERE city IS NOT NULL GROUP BY city"),
            ("SELECT name, grade FROM students ORDER BY grade DESC LIMIT 2", "SELECT name, grade FROM students ORDER BY grade DESC, name LIMIT 2"),
            ("SELECT t.name, COUNT(s.id) FROM teachers t LEFT JOIN students s ON s.advisor_id = t.id GROUP BY t.id",
             "SELECT t.name, (SELECT COUNT(*) FROM students s WHERE s.advisor_id = t.id) FROM teachers t"),
        ]
        for (gold, response) in cases {
            let verdict = try await Fixtures.grade(response, gold: gold)
            #expect(verdict.outcome == .pass, "\(response): \(verdict.reason)")
        }
    }

    @Test func searchIsDeterministic() async throws {
        let gold = "SELECT student_id FROM enrollments WHERE score > 90 ORDER BY score DESC LIMIT 3"
        let first = try await Fixtures.prepare(gold: gold)
        let second = try await Fixtures.prepare(gold: gold)
        #expect(first.notes == second.notes)
        let a = try #require(first as? SQLCaseGrader)
        let b = try #require(second as? SQLCaseGrader)
        #expect(a.neighbours.map(\.fixture.name) == b.neighbours.map(\.fixture.name))
        #expect(!a.neighbours.isEmpty)
    }

    @Test func validateNoteNamesWhatNoNeighbourTellsApart() async throws {
        // `SELECT 1` and `SELECT 2` inside EXISTS are the same query: no database can tell them apart.
        let gold = "SELECT name FROM teachers t WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.advisor_id = t.id)"
        let grader = try await Fixtures.prepare(gold: gold)
        let note = try #require(grader.notes.first)
        #expect(note.hasPrefix("neighbours: "))
        #expect(note.contains("told apart by none: `1` → `2`, `1` → `0`"), "\(note)")
    }

    @Test func aNeighbourWhereEverythingIsEmptyIsDiscarded() async throws {
        // `name` is NOT NULL: no neighbour can give this gold (which has no variants) a row.
        let grader = try #require(try await Fixtures.prepare(gold: "SELECT name FROM students WHERE name IS NULL") as? SQLCaseGrader)
        #expect(grader.neighbours.isEmpty)
        #expect(grader.notes.first?.hasPrefix("neighbours: 0;") == true)
    }

    @Test func neighboursAreCachedAndACorruptEntryIsRebuilt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neighbours-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = NeighbourCache(directory: directory)
        let gold = "SELECT COUNT(*) FROM students WHERE grade = 10"
        let built = try #require(try await Fixtures.prepare(gold: gold, cache: cache) as? SQLCaseGrader)
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        #expect(files.count == 1)
        let file = try #require(files.first)
        let stored = try Data(contentsOf: file)
        let permissions = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int
        #expect(permissions == 0o700)

        let cached = try #require(try await Fixtures.prepare(gold: gold, cache: cache) as? SQLCaseGrader)
        #expect(cached.neighbours.map(\.fixture.name) == built.neighbours.map(\.fixture.name))
        #expect(cached.notes == built.notes)

        for garbage in [Data("not json".utf8), stored.dropLast(7), Data()] {
            try garbage.write(to: file)
            let rebuilt = try #require(try await Fixtures.prepare(gold: gold, cache: cache) as? SQLCaseGrader)
            #expect(rebuilt.neighbours.map(\.fixture.name) == built.neighbours.map(\.fixture.name))
            #expect(try Data(contentsOf: file) == stored)
        }
    }

    @Test func aTamperedPlanIsReplayedAndRejected() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neighbours-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = NeighbourCache(directory: directory)
        let gold = "SELECT COUNT(*) FROM students WHERE grade = 10"
        let built = try #require(try await Fixtures.prepare(gold: gold, cache: cache) as? SQLCaseGrader)
        let key = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first)
            .replacingOccurrences(of: ".json", with: "")
        var plan = try #require(cache.load(key))
        // A well-formed entry whose recorded answer is not the gold's: replay notices, and the search runs again.
        plan.entries[0].goldDigest = String(repeating: "0", count: 64)
        cache.store(plan)
        let rebuilt = try #require(try await Fixtures.prepare(gold: gold, cache: cache) as? SQLCaseGrader)
        #expect(rebuilt.neighbours.map(\.fixture.name) == built.neighbours.map(\.fixture.name))
        #expect(cache.load(key)?.entries[0].goldDigest != String(repeating: "0", count: 64))
    }
}
