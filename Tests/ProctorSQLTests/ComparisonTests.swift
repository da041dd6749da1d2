import ProctorCore
import Testing

/// What counts as the same result: bags of rows, values compared as a careful reviewer would.
@Suite struct ComparisonTests {
    @Test func identicalQueryPasses() async throws {
        let gold = "SELECT name, grade FROM students WHERE city = 'Boston'"
        let verdict = try await Fixtures.grade(gold, gold: gold)
        #expect(verdict.outcome == .pass)
        #expect(verdict.reason == "pass")
        #expect(verdict.extracted == gold)
    }

    @Test func notInOverNullableColumnReturnsNothingAndFails() async throws {
        let gold = """
            SELECT t.name FROM teachers t
            WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.advisor_id = t.id)
            """
        let verdict = try await Fixtures.grade(
            "SELECT name FROM teachers WHERE id NOT IN (SELECT advisor_id FROM students)", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "row count 0 vs expected 2")
    }

    @Test func countStarOverLeftJoinCountsEmptyGroupsAsOne() async throws {
        let gold = """
            SELECT c.title, COUNT(e.student_id) FROM courses c
            LEFT JOIN enrollments e ON e.course_id = c.id GROUP BY c.id
            """
        let wrong = """
            SELECT c.title, COUNT(*) FROM courses c
            LEFT JOIN enrollments e ON e.course_id = c.id GROUP BY c.id
            """
        let verdict = try await Fixtures.grade(wrong, gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "1 row differs: got (Latin, 1) expected (Latin, 0)")

        let right = """
            SELECT c.title, (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = c.id) FROM courses c
            """
        #expect(try await Fixtures.grade(right, gold: gold).outcome == .pass)
    }

    @Test func averagesRoundedToTwoDecimalsPassAndSaySo() async throws {
        let gold = "SELECT s.name, AVG(e.score) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id"
        let rounded = """
            SELECT s.name, ROUND(AVG(e.score), 2) FROM students s
            JOIN enrollments e ON e.student_id = s.id GROUP BY s.id
            """
        let verdict = try await Fixtures.grade(rounded, gold: gold)
        #expect(verdict.outcome == .pass)
        #expect(verdict.reason == "pass; values rounded to 2 decimals")
    }

    @Test func roundingToOneDecimalOrTruncatingFails() async throws {
        let gold = "SELECT s.name, AVG(e.score) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id"
        for wrong in ["ROUND(AVG(e.score), 1)", "CAST(AVG(e.score) AS INTEGER)"] {
            let verdict = try await Fixtures.grade(
                "SELECT s.name, \(wrong) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id",
                gold: gold)
            #expect(verdict.outcome == .fail, "\(wrong)")
        }
    }

    @Test func goldRoundedCandidateUnroundedFails() async throws {
        let gold = "SELECT ROUND(AVG(score), 2) FROM enrollments"
        let verdict = try await Fixtures.grade("SELECT AVG(score) FROM enrollments", gold: gold)
        #expect(verdict.outcome == .fail)
    }

    @Test func floatSumsInAnotherOrderPassWithinTolerance() async throws {
        let gold = "SELECT SUM(score) FROM enrollments"
        let verdict = try await Fixtures.grade(
            "SELECT SUM(score) + 1e-10 FROM (SELECT score FROM enrollments ORDER BY score DESC)", gold: gold)
        #expect(verdict.outcome == .pass)
        #expect(verdict.reason == "pass")
        let off = try await Fixtures.grade("SELECT SUM(score) + 0.01 FROM enrollments", gold: gold)
        #expect(off.outcome == .fail)
    }

    @Test func toleranceComesFromTheCheck() async throws {
        let gold = "SELECT SUM(score) FROM enrollments"
        let verdict = try await Fixtures.grade("SELECT SUM(score) * 1.001 FROM enrollments", gold: gold, tolerance: 0.01)
        #expect(verdict.outcome == .pass)
    }

    @Test func emptyResultsStillCompareColumnCounts() async throws {
        let gold = "SELECT name, grade, city FROM students WHERE grade > 12"
        let verdict = try await Fixtures.grade("SELECT name, grade FROM students WHERE grade > 12", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "column count 2 vs expected 3")
        // `> 13` finds the same nothing only on this fixture; a neighbour with a grade of 13 tells them apart.
        let right = try await Fixtures.grade("SELECT city, name, grade FROM students WHERE grade > 13", gold: gold, neighbours: 0)
        #expect(right.outcome == .pass)
    }

    @Test func distinctIsNeverStripped() async throws {
        let verdict = try await Fixtures.grade("SELECT grade FROM students", gold: "SELECT DISTINCT grade FROM students")
        #expect(verdict.reason == "row count 10 vs expected 3")
        let other = try await Fixtures.grade(
            "SELECT DISTINCT city FROM students WHERE city IS NOT NULL",
            gold: "SELECT city FROM students WHERE city IS NOT NULL")
        #expect(other.outcome == .fail)
        #expect(other.reason == "row count 4 vs expected 8")
    }

    @Test func duplicatesCount() async throws {
        let gold = "SELECT grade FROM students WHERE city = 'Boston'"
        let verdict = try await Fixtures.grade(
            "SELECT grade FROM students WHERE city IN ('Boston', 'Chicago') AND id <> 7", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "1 row differs: got (10) expected (12)")
    }

    @Test func columnOrderAndNamesDoNotMatter() async throws {
        let gold = "SELECT name, grade, city FROM students WHERE advisor_id = 1"
        let verdict = try await Fixtures.grade(
            "SELECT city AS town, name AS student, grade AS year FROM students WHERE advisor_id = 1", gold: gold)
        #expect(verdict.outcome == .pass)
    }

    @Test func permutationOfColumnsWithEqualValueSetsIsFoundByRows() async throws {
        let gold = "SELECT id, 11 - id FROM students WHERE id <= 10"
        let swapped = try await Fixtures.grade("SELECT 11 - id, id FROM students WHERE id < 11", gold: gold)
        #expect(swapped.outcome == .pass)
        let wrong = try await Fixtures.grade("SELECT id, id FROM students", gold: gold)
        #expect(wrong.outcome == .fail)
    }

    @Test func mismatchReasonShowsCandidateInReferenceColumnOrder() async throws {
        let gold = "SELECT name, grade FROM students WHERE id = 2"
        let verdict = try await Fixtures.grade("SELECT grade + 1, name FROM students WHERE id = 2", gold: gold)
        #expect(verdict.reason == "1 row differs: got (Bob, 12) expected (Bob, 11)")
    }

    @Test func integerAndRealCompareByValue() async throws {
        let verdict = try await Fixtures.grade(
            "SELECT CAST(COUNT(*) AS REAL) FROM students", gold: "SELECT COUNT(*) FROM students")
        #expect(verdict.outcome == .pass)
        let total = try await Fixtures.grade("SELECT TOTAL(credits) FROM courses", gold: "SELECT SUM(credits) FROM courses")
        #expect(total.outcome == .pass)
    }

    @Test func textThreeIsNotIntegerThree() async throws {
        let gold = "SELECT COUNT(*) FROM courses WHERE dept = 'Science'"
        let verdict = try await Fixtures.grade(
            "SELECT CAST(COUNT(*) AS TEXT) FROM courses WHERE dept = 'Science'", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "1 row differs: got ('2') expected (2)")
    }

    @Test func nullEqualsNullButNotEmptyText() async throws {
        let gold = "SELECT name, city FROM students WHERE grade = 11"
        #expect(try await Fixtures.grade("SELECT name, city FROM students WHERE grade = 11", gold: gold).outcome == .pass)
        let verdict = try await Fixtures.grade(
            "SELECT name, COALESCE(city, '') FROM students WHERE grade = 11", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "1 row differs: got (Heidi, '') expected (Heidi, NULL)")
    }

    @Test func textComparesExactly() async throws {
        let gold = "SELECT name FROM students WHERE id = 1"
        #expect(try await Fixtures.grade("SELECT upper(name) FROM students WHERE id = 1", gold: gold).outcome == .fail)
        #expect(try await Fixtures.grade("SELECT name || ' ' FROM students WHERE id = 1", gold: gold).outcome == .fail)
    }

    @Test func blobsCompareByBytes() async throws {
        let gold = "SELECT x'00ff'"
        #expect(try await Fixtures.grade("SELECT CAST(x'00ff' AS BLOB)", gold: gold).outcome == .pass)
        #expect(try await Fixtures.grade("SELECT x'00fe'", gold: gold).outcome == .fail)
    }

    @Test func functionSQLiteLacksIsAnErrorQuotingSQLite() async throws {
        let verdict = try await Fixtures.grade(
            "SELECT CONCAT(name, ' ', city) FROM students", gold: "SELECT name || ' ' || city FROM students")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "SQLite error: no such function: CONCAT")
    }

    @Test func syntaxErrorIsAnError() async throws {
        let verdict = try await Fixtures.grade("SELECT name FROM students WHERE", gold: "SELECT name FROM students")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason.hasPrefix("SQLite error: "))
    }

    @Test func logShowsSQLAndBothResults() async throws {
        let gold = "SELECT name FROM students WHERE grade = 12"
        let verdict = try await Fixtures.grade("SELECT name FROM students WHERE grade = 11", gold: gold)
        #expect(verdict.log.contains("SELECT name FROM students WHERE grade = 11"))
        #expect(verdict.log.contains("(Bob)"))
        #expect(verdict.log.contains("(Dave)"))
    }
}
