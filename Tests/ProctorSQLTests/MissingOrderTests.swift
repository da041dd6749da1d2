import ProctorCore
import Testing

/// When the gold orders its rows, a response without a top-level ORDER BY fails even when SQLite happened to
/// return its rows in order — unless they all tie on the gold's sort keys.
@Suite struct MissingOrderTests {
    static let reason = "no ORDER BY; the question asks for an order"

    @Test func groupByThatSortsByAccidentFails() async throws {
        let gold = "SELECT grade, COUNT(*) FROM students GROUP BY grade ORDER BY grade"
        let verdict = try await Fixtures.grade("SELECT grade, COUNT(*) FROM students GROUP BY grade", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == Self.reason)
        #expect(verdict.details.kind == "missing-order")
        #expect(verdict.details.expected == verdict.details.got)
        #expect(verdict.log.contains("do not all tie"))
    }

    @Test func distinctThatSortsByAccidentFails() async throws {
        // The fixture's first rows have grades 10, 11, 12: DISTINCT keeps them in that order.
        let gold = "SELECT DISTINCT grade FROM students ORDER BY grade"
        let verdict = try await Fixtures.grade("SELECT DISTINCT grade FROM students", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == Self.reason)
    }

    @Test func orderByOnlyInASubqueryIsNoOrder() async throws {
        let gold = "SELECT name FROM students ORDER BY name"
        let verdict = try await Fixtures.grade("SELECT name FROM (SELECT name FROM students ORDER BY name)", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == Self.reason)
    }

    @Test func rowsThatAllTieOnTheGoldsKeysNeedNoOrder() async throws {
        let gold = "SELECT name FROM students WHERE grade = 12 ORDER BY grade"
        let verdict = try await Fixtures.grade("SELECT name FROM students WHERE grade = 12", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func orderIgnoreStillComparesBags() async throws {
        let gold = "SELECT grade, COUNT(*) FROM students GROUP BY grade ORDER BY grade"
        let verdict = try await Fixtures.grade(
            "SELECT grade, COUNT(*) FROM students GROUP BY grade", gold: gold, order: .ignore)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func oneRowNeedsNoOrder() async throws {
        let gold = "SELECT grade, COUNT(*) FROM students WHERE grade = 10 GROUP BY grade ORDER BY grade"
        let verdict = try await Fixtures.grade("SELECT 10, COUNT(*) FROM students WHERE grade = 10", gold: gold, neighbours: 0)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func withAnOrderByOfItsOwnTheResponsePasses() async throws {
        let gold = "SELECT grade, COUNT(*) FROM students GROUP BY grade ORDER BY grade"
        let verdict = try await Fixtures.grade("SELECT grade, COUNT(*) FROM students GROUP BY 1 ORDER BY 1", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }
}
