import Foundation
import Testing

@testable import ProctorSQL

/// Neighbours respect the fixture's constraints: a mutation that breaks one is undone and skipped.
@Suite struct ScratchDatabaseTests {
    static func scratch() throws -> ScratchDatabase {
        let fixture = try Fixture.load(Fixtures.url("school.sql")).get()
        return try ScratchDatabase(copying: fixture)
    }

    @Test func constraintsAreKept() throws {
        let db = try Self.scratch()
        // NOT NULL
        #expect(!db.apply(.set(table: "students", column: "name", rowid: 1, value: .null)))
        // A primary key taken by another row (enrollments' composite key).
        #expect(!db.apply(.duplicate(table: "enrollments", rowid: 1)))
        // A declared foreign key: teacher 1 advises students; a student's advisor must exist.
        #expect(!db.apply(.remove(table: "teachers", rowid: 1)))
        #expect(!db.apply(.set(table: "students", column: "advisor_id", rowid: 1, value: .integer(99))))
        // Names that are not in the schema never reach SQL.
        #expect(!db.apply(.set(table: "students\"; DROP TABLE students; --", column: "name", rowid: 1, value: .null)))
        #expect(!db.apply(.set(table: "students", column: "nope", rowid: 1, value: .null)))
        #expect(db.table("students")?.rowCount == 10)
    }

    @Test func allowedChangesApply() throws {
        let db = try Self.scratch()
        #expect(db.apply(.duplicate(table: "students", rowid: 4)))
        #expect(db.table("students")?.rowCount == 11)
        #expect(db.apply(.set(table: "students", column: "city", rowid: 2, value: .null)))
        #expect(db.apply(.swap(table: "students", column: "name", first: 1, second: 2)))
        #expect(db.value("students", "name", rowid: 1)?.isIdentical(to: .text("Bob")) == true)
        #expect(db.apply(.remove(table: "students", rowid: 10)))
        #expect(db.apply(.reverse(table: "enrollments")))
        #expect(db.rowid(in: "enrollments", at: 0).flatMap { db.value("enrollments", "score", rowid: $0) }?.isIdentical(to: .real(84.333)) == true)
    }

    @Test func aUniqueColumnSwapsButNeverHoldsADuplicate() throws {
        let fixture = try Fixture.load(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/sql/school.sql")).get()
        let db = try ScratchDatabase(copying: fixture)
        #expect(!db.apply(.set(table: "departments", column: "name", rowid: 2, value: .text("Computer Science"))))
        #expect(db.apply(.swap(table: "departments", column: "name", first: 1, second: 2)))
        #expect(db.value("departments", "name", rowid: 1)?.isIdentical(to: .text("Mathematics")) == true)
    }
}
