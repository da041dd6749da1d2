import ProctorCore
import Testing

/// LIMIT through ties, and results that match only because of the order SQLite happened to scan in.
@Suite struct LuckTests {
    @Test func goldLimitCuttingATieAcceptsAnyTiedRow() async throws {
        let gold = "SELECT name, grade FROM students ORDER BY grade DESC LIMIT 2"
        let candidates = [
            "SELECT name, grade FROM students ORDER BY grade DESC, name LIMIT 2",
            "SELECT name, grade FROM students ORDER BY grade DESC, name DESC LIMIT 2",
            "SELECT name, grade FROM students ORDER BY grade DESC, id DESC LIMIT 2",
            gold,
        ]
        for candidate in candidates {
            let verdict = try await Fixtures.grade(candidate, gold: gold)
            #expect(verdict.outcome == .pass, "\(candidate): \(verdict.reason)")
        }
    }

    @Test func goldLimitCuttingATieStillNeedsRowsFromTheTie() async throws {
        let gold = "SELECT name, grade FROM students ORDER BY grade DESC LIMIT 2"
        let verdict = try await Fixtures.grade(
            "SELECT name, grade FROM students ORDER BY grade DESC, name LIMIT 2 OFFSET 2", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason.contains("(Ivan, 12)") || verdict.reason.contains("(Alice, 10)") || verdict.reason.contains("(Bob, 11)"))
        let tooMany = try await Fixtures.grade("SELECT name, grade FROM students ORDER BY grade DESC LIMIT 3", gold: gold)
        #expect(tooMany.reason == "row count 3 vs expected 2")
    }

    @Test func goldOffsetCuttingATieAcceptsAnyTiedRow() async throws {
        let gold = "SELECT name FROM students ORDER BY grade LIMIT 2 OFFSET 3"
        let verdict = try await Fixtures.grade(
            "SELECT name FROM students ORDER BY grade, name DESC LIMIT 3, 2", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func candidateLimitCuttingItsOwnTieFails() async throws {
        let gold = "SELECT name, grade FROM students ORDER BY grade DESC, name LIMIT 2"
        let verdict = try await Fixtures.grade(
            "SELECT name, grade FROM students ORDER BY grade DESC LIMIT 2", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "LIMIT cuts a tie in the query's own ORDER BY; result depends on row order")
    }

    @Test func candidateLimitCuttingATieOfIdenticalRowsIsFine() async throws {
        let gold = "SELECT grade FROM students ORDER BY grade DESC LIMIT 2"
        let verdict = try await Fixtures.grade("SELECT grade FROM students ORDER BY 1 DESC LIMIT 2", gold: gold)
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
    }

    @Test func limitWithoutOrderByDependsOnScanOrder() async throws {
        let gold = "SELECT name FROM students WHERE id <= 3"
        let verdict = try await Fixtures.grade("SELECT name FROM students LIMIT 3", gold: gold)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "result depends on unspecified row order")
        #expect(verdict.log.contains("reverse_unordered_selects"))
    }

    @Test func missingOrderByThatHappensToMatchFailsBeforeTheScanCheck() async throws {
        for (gold, response) in [
            ("SELECT name FROM students ORDER BY id", "SELECT name FROM students"),
            ("SELECT name FROM students ORDER BY id LIMIT 3", "SELECT name FROM students LIMIT 3"),
        ] {
            let verdict = try await Fixtures.grade(response, gold: gold)
            #expect(verdict.outcome == .fail)
            #expect(verdict.reason == "no ORDER BY; the question asks for an order")
        }
    }

    @Test func goldThatDependsOnScanOrderAcceptsEitherOrder() async throws {
        let gold = "SELECT name FROM students LIMIT 3"
        let same = try await Fixtures.grade(gold, gold: gold)
        #expect(same.outcome == .pass, "\(same.reason)")
        #expect(same.log.contains("the gold's result depends on unspecified row order"))
        let last = try await Fixtures.grade("SELECT name FROM students ORDER BY id DESC LIMIT 3", gold: gold)
        #expect(last.outcome == .pass, "\(last.reason)")
        let middle = try await Fixtures.grade("SELECT name FROM students WHERE id BETWEEN 4 AND 6", gold: gold)
        #expect(middle.outcome == .fail)
    }
}
