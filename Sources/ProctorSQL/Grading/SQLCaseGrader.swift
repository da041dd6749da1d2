import ProctorCore

/// Grades responses to one prepared `sql` case against its references, one database after another, then,
/// for a response that passes on all of them, against the gold's answers on the case's neighbours.
struct SQLCaseGrader: CodeGrader {
    let references: [Reference]
    let neighbours: [Reference]
    let limits: ExecutionLimits
    let comparer: ValueComparer
    let extractor: SQLExtractor
    let notes: [String]

    private static let ownTieCut = "LIMIT cuts a tie in the query's own ORDER BY; result depends on row order"
    private static let scanOrder = "result depends on unspecified row order"
    private static let missingOrder = "no ORDER BY; the question asks for an order"

    func grade(_ response: String) async throws -> Verdict {
        guard let sql = extractor.extract(from: response) else {
            return .error(ExecutionFailure.noStatement.reason, details: VerdictDetails(kind: "no-code"))
        }
        return try await grade(code: sql)
    }

    /// Grades the query `sql` as it is.
    func grade(code sql: String) async throws -> Verdict {
        let verdict = try await Backstop(margin: limits.backstopMargin).run { clock in
            try self.grade(sql: sql, clock: clock)
        }
        if let verdict { return verdict }
        var log = Transcript(sql: sql)
        log.note("still running \(ExecutionFailure.seconds(limits.backstopMargin)) s past the time limit; abandoned")
        return .error(ExecutionFailure.timedOut(limits.timeout).reason, extracted: sql, log: log.text,
                      details: VerdictDetails(kind: "timeout"))
    }

    /// Runs `sql` on each reference's database and judges it; blocks, reporting its statements to `clock`.
    private func grade(sql: String, clock: StatementClock) throws -> Verdict {
        var log = Transcript(sql: sql)
        let shape = QueryShape(sql)
        let comparator = ResultComparator(comparer: comparer)
        var rounded: Int?

        for reference in references {
            let on = references.count > 1 ? "on \(reference.fixture.name): " : ""
            let (connection, result): (Connection, ResultSet)
            switch try run(sql, on: reference, labelled: on, clock: clock, log: &log) {
            case .failed(let verdict): return verdict
            case .ran(let ran): (connection, result) = ran
            }
            log.note(reference.arrangement.summary)
            reference.notes.forEach { log.note($0) }

            let permutation: [Int]
            switch compare(result, reference, comparator) {
            case .mismatch(let reason):
                return .fail(on + reason, extracted: sql, log: log.text, details: VerdictDetails(
                    kind: "wrong-rows", expected: Transcript.summary(reference.result), got: Transcript.summary(result)))
            case .match(let columns, let decimals):
                permutation = columns
                if let decimals { rounded = max(rounded ?? decimals, decimals) }
            }

            if asksForOrder(shape, result, reference) {
                log.note("the gold orders its rows and these do not all tie on its ORDER BY keys")
                return .fail(on + Self.missingOrder, extracted: sql, log: log.text, details: VerdictDetails(
                    kind: "missing-order", expected: Transcript.summary(reference.result), got: Transcript.summary(result)))
            }
            if let cut = ownTieCut(shape, result, permutation, reference, connection) {
                log.note(cut)
                return .fail(on + Self.ownTieCut, extracted: sql, log: log.text, details: VerdictDetails(kind: "tie-cut"))
            }
            if let reversed = try dependsOnScanOrder(sql, result, reference, connection, comparator) {
                log.result("result under PRAGMA reverse_unordered_selects", reversed)
                return .fail(on + Self.scanOrder, extracted: sql, log: log.text, details: VerdictDetails(
                    kind: "row-order", got: Transcript.summary(reversed)))
            }
        }
        if let verdict = try gradeOnNeighbours(sql, shape, comparator, clock, &log, &rounded) { return verdict }
        let reason = rounded.map { "pass; values rounded to \($0) decimals" } ?? "pass"
        return .pass(reason, extracted: sql, log: log.text, details: VerdictDetails(kind: "passed"))
    }

    /// The verdict of the first neighbour on which the candidate's result differs from the gold's, or nil.
    ///
    /// Only the comparison and the missing-ORDER-BY rule apply here; the luck checks ran on the real databases.
    private func gradeOnNeighbours(
        _ sql: String, _ shape: QueryShape, _ comparator: ResultComparator, _ clock: StatementClock,
        _ log: inout Transcript, _ rounded: inout Int?
    ) throws -> Verdict? {
        for neighbour in neighbours {
            let on = "on \(neighbour.fixture.name): "
            let result: ResultSet
            switch try run(sql, on: neighbour, labelled: on, clock: clock, log: &log) {
            case .failed(let verdict): return verdict
            case .ran(let ran): result = ran.1
            }
            switch compare(result, neighbour, comparator) {
            case .mismatch(let reason):
                return .fail(on + reason, extracted: sql, log: log.text, details: VerdictDetails(
                    kind: "neighbour", expected: Transcript.summary(neighbour.result), got: Transcript.summary(result)))
            case .match(_, let decimals):
                if let decimals { rounded = max(rounded ?? decimals, decimals) }
            }
            if asksForOrder(shape, result, neighbour) {
                log.note("the gold orders its rows and these do not all tie on its ORDER BY keys")
                return .fail(on + Self.missingOrder, extracted: sql, log: log.text, details: VerdictDetails(
                    kind: "missing-order", expected: Transcript.summary(neighbour.result), got: Transcript.summary(result)))
            }
        }
        return nil
    }

    /// What running the candidate on one database gave: its connection and rows, or the verdict of its error.
    private enum Run {
        case ran((Connection, ResultSet))
        case failed(Verdict)
    }

    /// Runs `sql` on a clone of `reference`'s database and logs its rows beside the expected ones; an SQL error is
    /// the sample's verdict, with `label` naming the database when the case has several.
    private func run(
        _ sql: String, on reference: Reference, labelled label: String, clock: StatementClock, log: inout Transcript
    ) throws -> Run {
        log.database(reference.fixture.name)
        let connection = try Connection(cloning: reference.fixture, limits: limits, clock: clock)
        switch connection.run(sql) {
        case .success(let rows):
            log.result("result", rows)
            log.result("expected", reference.result)
            return .ran((connection, rows))
        case .failure(let failure):
            log.note(failure.reason)
            return .failed(.error(
                label + failure.reason, extracted: sql, log: log.text, details: VerdictDetails(kind: "sql-error")))
        }
    }

    /// The candidate's result against the reference, or against the gold's reversed-scan result.
    private func compare(
        _ result: ResultSet, _ reference: Reference, _ comparator: ResultComparator
    ) -> ResultComparator.Outcome {
        let outcome = comparator.compare(result, to: reference.result, arrangement: reference.arrangement)
        guard case .mismatch = outcome, let reversed = reference.reversed else { return outcome }
        let alternative = comparator.compare(result, to: reversed, arrangement: reference.arrangement)
        if case .match = alternative { return alternative }
        return outcome
    }

    /// Whether the reference orders its rows but the candidate, which has no top-level ORDER BY, returned
    /// several rows that do not all tie on the reference's sort keys.
    ///
    /// The candidate matched the reference position by position within tie groups, so its row at a position
    /// has the sort keys of the reference's group there: its rows all tie exactly when the reference's do.
    private func asksForOrder(_ shape: QueryShape, _ result: ResultSet, _ reference: Reference) -> Bool {
        reference.arrangement.ordered && !shape.isOrdered && result.rows.count >= 2 && !reference.allRowsTie
    }

    /// Why the candidate's own LIMIT/OFFSET picks among rows tied on its own sort keys in a way the
    /// reference does not allow, or nil.
    ///
    /// A cut tie is harmless when the tied rows are all alike, or when the reference's own cut tie would
    /// accept every row of the candidate's.
    private func ownTieCut(
        _ shape: QueryShape, _ result: ResultSet, _ permutation: [Int], _ reference: Reference,
        _ connection: Connection
    ) -> String? {
        guard shape.isOrdered, shape.hasLimit, !result.rows.isEmpty,
            let layout = TieLayout.analyze(shape, result: result, on: connection, comparer: comparer)
        else { return nil }
        for (index, pool) in layout.pools {
            let tied = pool.map { row in permutation.map { row[$0] } }
            let alike = tied.allSatisfy { row in zip(row, tied[0]).allSatisfy { $0.isIdentical(to: $1) } }
            if alike || covered(tied, group: layout.groups[index], result, permutation, reference.arrangement) {
                continue
            }
            return "the query's LIMIT/OFFSET takes \(layout.groups[index].count) of \(pool.count) rows tied on its ORDER BY keys"
        }
        return nil
    }

    private func covered(
        _ tied: [[SQLValue]], group: Range<Int>, _ result: ResultSet, _ permutation: [Int], _ arrangement: Arrangement
    ) -> Bool {
        let identity = RowMatcher(comparer: comparer, permutation: Array(permutation.indices))
        guard arrangement.ordered else {
            return identity.match(reference: arrangement.pooledRows, candidate: tied).coversCandidate
        }
        guard let first = arrangement.group(containing: group.lowerBound),
            arrangement.groups[first].contains(group.upperBound - 1), let pool = arrangement.pools[first]
        else { return false }
        let others = arrangement.groups[first].filter { !group.contains($0) }.map { position in
            permutation.map { result.rows[position][$0] }
        }
        return identity.match(reference: pool, candidate: others + tied).coversCandidate
    }

    /// The candidate's result when SQLite scans tables in reverse, if that no longer matches.
    private func dependsOnScanOrder(
        _ sql: String, _ result: ResultSet, _ reference: Reference, _ connection: Connection,
        _ comparator: ResultComparator
    ) throws -> ResultSet? {
        try connection.setReverseUnorderedSelects(true)
        guard case .success(let again) = connection.run(sql) else { return nil }
        let unchanged =
            again.rows.count == result.rows.count
            && zip(again.rows, result.rows).allSatisfy { zip($0, $1).allSatisfy { $0.isIdentical(to: $1) } }
        if unchanged { return nil }
        if case .match = compare(again, reference, comparator) { return nil }
        return again
    }
}
