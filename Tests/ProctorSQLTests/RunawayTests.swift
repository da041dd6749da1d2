import ProctorCore
import Testing

/// Runaway queries end as errors within the case's time limit (plus a generous margin), whatever they do.
@Suite struct RunawayTests {
    static let gold = "SELECT COUNT(*) FROM students"
    /// How long past its limit a statement may run before its grading is abandoned.
    static let margin = Duration.seconds(1)

    static func graded(_ sql: String, timeout: Duration = .seconds(1)) async throws -> (Verdict, Duration) {
        let grader = try await Fixtures.prepare(gold: gold, timeout: timeout)
        let clock = ContinuousClock()
        var verdict: Verdict?
        let elapsed = try await clock.measure { verdict = try await grader.grade(sql) }
        return (try #require(verdict), elapsed)
    }

    @Test func endlessRecursiveCountTimesOut() async throws {
        let (verdict, elapsed) = try await Self.graded(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "timed out after 1 s")
        #expect(elapsed < .seconds(5))
    }

    @Test func endlessRecursiveRowsHitTheRowCap() async throws {
        let grader = try await Fixtures.prepare(gold: Self.gold, maxRows: 1000)
        let verdict = try await grader.grade("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "more than 1000 rows")
    }

    @Test func hugeCrossJoinTimesOut() async throws {
        let (verdict, elapsed) = try await Self.graded(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
            SELECT COUNT(*) FROM n a, n b
            """)
        #expect(verdict.reason == "timed out after 1 s")
        #expect(elapsed < .seconds(5))
    }

    @Test func hugeSortedCrossJoinTimesOut() async throws {
        let (verdict, elapsed) = try await Self.graded(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
            SELECT a.i, b.i FROM n a, n b ORDER BY a.i * b.i DESC, a.i LIMIT 5
            """)
        #expect(verdict.reason == "timed out after 1 s")
        #expect(elapsed < .seconds(5))
    }

    @Test func growingStringHitsTheLengthLimit() async throws {
        let (verdict, _) = try await Self.graded(
            "WITH RECURSIVE s(x) AS (SELECT 'ab' UNION ALL SELECT x || x FROM s) SELECT length(x) FROM s")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "SQLite error: string or blob too big")
    }

    @Test func hugeBlobIsRefused() async throws {
        let (verdict, _) = try await Self.graded("SELECT zeroblob(2000000000)")
        #expect(verdict.reason == "SQLite error: string or blob too big")
    }

    @Test func manyLargeValuesHitTheResultSizeCap() async throws {
        let (verdict, _) = try await Self.graded(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT randomblob(1000000) FROM n")
        #expect(verdict.reason == "result larger than 64 MB")
    }

    @Test func fractionalTimeoutIsWrittenAsIs() async throws {
        let (verdict, elapsed) = try await Self.graded(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT MAX(x) FROM c",
            timeout: .milliseconds(300))
        #expect(verdict.reason == "timed out after 0.3 s")
        #expect(elapsed < .seconds(4))
    }

    @Test func hugePrintfPrecisionEndsAtOnce() async throws {
        let (verdict, elapsed) = try await Self.graded(
            "SELECT length(printf('%.*c', 2147483647, 'x'))", timeout: .seconds(2))
        #expect(verdict.outcome == .error)
        #expect(verdict.reason.hasPrefix("SQLite error: printf() width or precision too large"))
        #expect(elapsed < .seconds(2) + Self.margin, "\(elapsed)")
    }

    @Test func fortyHugePrintfColumnsEndAtOnce() async throws {
        let columns = (1...40).map { "length(printf('%.*c', 2147483647, 'x')) AS c\($0)" }
        let (verdict, elapsed) = try await Self.graded("SELECT " + columns.joined(separator: ", "), timeout: .seconds(2))
        #expect(verdict.outcome == .error)
        #expect(verdict.reason.hasPrefix("SQLite error: printf() width or precision too large"))
        #expect(elapsed < .seconds(2) + Self.margin, "\(elapsed)")
    }

    @Test func printfJustUnderTheLimitStopsAtTheDeadline() async throws {
        // Each call is allowed (16 MB of output) but the row's forty take longer than the limit.
        let columns = (1...40).map { "length(printf('%.*c', 16000000, 'x')) AS c\($0)" }
        let (verdict, elapsed) = try await Self.graded("SELECT " + columns.joined(separator: ", "), timeout: .milliseconds(500))
        #expect(verdict.reason == "timed out after 0.5 s")
        #expect(elapsed < .milliseconds(500) + Self.margin, "\(elapsed)")
    }

    @Test func rowWithoutJumpsIsAbandonedPastTheMargin() async throws {
        // A straight run of expensive columns never reaches SQLite's interrupt checks; the backstop gives up on it.
        let columns = (1...150).map { "length(hex(randomblob(8000000))) AS c\($0)" }
        let (verdict, elapsed) = try await Self.graded("SELECT " + columns.joined(separator: ", "), timeout: .milliseconds(500))
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "timed out after 0.5 s")
        #expect(verdict.log.contains("abandoned"))
        // The backstop gives up at the limit plus its margin, and notices within a fraction of a second.
        #expect(elapsed < .milliseconds(500) + Self.margin + .milliseconds(700), "\(elapsed)")
    }
}
