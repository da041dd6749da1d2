import ProctorCore
import Testing

/// Order matters only under the gold's top-level ORDER BY, and then rows tied on its keys may come in any order.
@Suite struct OrderTests {
    static let byCount = """
        SELECT city, COUNT(*) AS n FROM students WHERE city IS NOT NULL GROUP BY city ORDER BY n DESC
        """

    @Test func withoutGoldOrderByAnyOrderPasses() async throws {
        let gold = "SELECT name FROM students WHERE grade = 10"
        let verdict = try await Fixtures.grade("SELECT name FROM students WHERE grade = 10 ORDER BY name DESC", gold: gold)
        #expect(verdict.outcome == .pass)
    }

    @Test func orderByInsideSubqueryDoesNotMakeOrderMatter() async throws {
        let gold = "SELECT name FROM (SELECT name FROM students ORDER BY name) WHERE name > 'C'"
        let verdict = try await Fixtures.grade(
            "SELECT name FROM students WHERE name > 'C' ORDER BY name DESC", gold: gold)
        #expect(verdict.outcome == .pass)
    }

    @Test func wrongOrderFailsAndNamesTheRow() async throws {
        let gold = "SELECT name FROM students WHERE grade = 12 ORDER BY name"
        let verdict = try await Fixtures.grade(
            "SELECT name FROM students WHERE grade = 12 ORDER BY name DESC", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "wrong order: row 1 is (Ivan) but expected (Dave)")
    }

    @Test func tiedRowsMayComeInAnyOrder() async throws {
        let tieBroken = "SELECT city, COUNT(*) AS n FROM students WHERE city IS NOT NULL GROUP BY city ORDER BY n DESC, city DESC"
        let other = "SELECT city, COUNT(*) AS n FROM students WHERE city IS NOT NULL GROUP BY city ORDER BY 2 DESC, 1"
        for candidate in [tieBroken, other] {
            let verdict = try await Fixtures.grade(candidate, gold: Self.byCount)
            #expect(verdict.outcome == .pass, "\(candidate): \(verdict.reason)")
        }
    }

    @Test func tiesDoNotExcuseOrderAcrossDifferentKeys() async throws {
        let ascending = "SELECT city, COUNT(*) AS n FROM students WHERE city IS NOT NULL GROUP BY city ORDER BY n"
        let verdict = try await Fixtures.grade(ascending, gold: Self.byCount)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "wrong order: row 1 is (Chicago, 1) but expected (Boston, 3)")

        let unordered = "SELECT city, COUNT(*) FROM students WHERE city IS NOT NULL GROUP BY city"
        let grouped = try await Fixtures.grade(unordered, gold: Self.byCount)
        #expect(grouped.outcome == .fail)
        #expect(grouped.reason.hasPrefix("wrong order: row 1 is (Austin, 2)"))
    }

    @Test func sortKeyNotInTheSelectList() async throws {
        let gold = "SELECT name FROM students ORDER BY grade DESC"
        let tieBroken = try await Fixtures.grade("SELECT name FROM students ORDER BY grade DESC, name DESC", gold: gold)
        #expect(tieBroken.outcome == .pass, "\(tieBroken.reason)")
        let reversed = try await Fixtures.grade("SELECT name FROM students ORDER BY grade, name", gold: gold)
        #expect(reversed.outcome == .fail)
        #expect(reversed.reason.hasPrefix("wrong order: row 1 is "))
    }

    @Test func sortKeyThatUsesAnAliasInsideAnExpression() async throws {
        let gold = "SELECT name, grade * 10 AS points FROM students ORDER BY points / 20"
        let verdict = try await Fixtures.grade(
            "SELECT name, grade * 10 FROM students ORDER BY grade, name DESC", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func compoundSelectOrderedByOutputColumn() async throws {
        let gold = "SELECT name FROM students WHERE grade = 12 UNION ALL SELECT name FROM teachers ORDER BY 1"
        let verdict = try await Fixtures.grade(
            "SELECT name FROM teachers UNION ALL SELECT name FROM students WHERE grade = 12 ORDER BY name", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
        let wrong = try await Fixtures.grade(
            "SELECT name FROM teachers UNION ALL SELECT name FROM students WHERE grade = 12 ORDER BY name DESC",
            gold: gold)
        #expect(wrong.outcome == .fail)
    }

    @Test func orderPolicyIgnoreComparesBags() async throws {
        let gold = "SELECT name FROM students WHERE grade = 12 ORDER BY name"
        let verdict = try await Fixtures.grade(
            "SELECT name FROM students WHERE grade = 12 ORDER BY name DESC", gold: gold, order: .ignore)
        #expect(verdict.outcome == .pass)
    }

    @Test func singleRowNeedsNoOrder() async throws {
        let gold = "SELECT MAX(grade) FROM students ORDER BY 1"
        #expect(try await Fixtures.grade("SELECT MAX(grade) FROM students", gold: gold).outcome == .pass)
    }

    @Test func nullSortKeysTie() async throws {
        let gold = "SELECT name, city FROM students ORDER BY city"
        let verdict = try await Fixtures.grade(
            "SELECT name, city FROM students ORDER BY city, name DESC", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func distinctOrderedByAnotherColumnFallsBackToStrictOrder() async throws {
        let gold = "SELECT DISTINCT grade FROM students ORDER BY name"
        let same = try await Fixtures.grade(gold, gold: gold)
        #expect(same.outcome == .pass)
        #expect(same.log.contains("could not be evaluated"))
        #expect(!same.log.contains("cuts a tie"))
    }

    @Test func nocaseCollationMakesCaseVariantsTie() async throws {
        let gold = "SELECT v FROM (SELECT 'b' AS v UNION ALL SELECT 'B' UNION ALL SELECT 'a') ORDER BY v COLLATE NOCASE"
        let verdict = try await Fixtures.grade(
            "SELECT v FROM (SELECT 'B' AS v UNION ALL SELECT 'b' UNION ALL SELECT 'a') ORDER BY lower(v), v", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }
}
