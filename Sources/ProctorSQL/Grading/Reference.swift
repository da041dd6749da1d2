import ProctorCore

/// The gold query's answer on one fixture database, computed once per case.
struct Reference: Sendable {
    let fixture: Fixture
    let result: ResultSet
    let arrangement: Arrangement
    /// What the gold returned under `PRAGMA reverse_unordered_selects`, when that differs as compared:
    /// the gold itself depends on scan order, so a candidate may match either.
    let reversed: ResultSet?
    let notes: [String]

    /// Whether every row of the result ties on the gold's sort keys (or all rows are alike), so that no
    /// order among them is asked for.
    var allRowsTie: Bool {
        arrangement.groups.count <= 1
            || result.rows.allSatisfy { row in zip(row, result.rows[0]).allSatisfy { $0.isIdentical(to: $1) } }
    }

    /// Runs `gold` on `fixture` under the candidate's guards; suite problems throw `BadInput` at `location`.
    init(
        gold: String, shape: QueryShape, fixture: Fixture, check: SQLCheck, limits: ExecutionLimits,
        location: SourceLocation
    ) throws {
        let connection = try Connection(cloning: fixture, limits: limits)
        let result: ResultSet
        switch connection.run(gold) {
        case .success(let rows): result = rows
        case .failure(let failure): throw Self.problem(failure, fixture: fixture, limits: limits, location: location)
        }
        let comparer = ValueComparer(tolerance: check.tolerance)
        var notes: [String] = []
        var arrangement = Arrangement.bag(result.rows.count)
        if shape.isOrdered {
            if let layout = TieLayout.analyze(shape, result: result, on: connection, comparer: comparer) {
                arrangement = Arrangement(layout, ordered: check.order == .auto)
            } else if check.order == .auto {
                arrangement = .strict(result.rows.count)
                notes.append("the gold's ORDER BY keys could not be evaluated; ties are compared in the gold's order")
            }
        }

        var reversed: ResultSet?
        try connection.setReverseUnorderedSelects(true)
        if case .success(let again) = connection.run(gold),
            case .mismatch = ResultComparator(comparer: comparer).compare(again, to: result, arrangement: arrangement)
        {
            reversed = again
            notes.append("the gold's result depends on unspecified row order; either order is accepted")
        }
        self.fixture = fixture
        self.result = result
        self.arrangement = arrangement
        self.reversed = reversed
        self.notes = notes
    }

    private static func problem(
        _ failure: ExecutionFailure, fixture: Fixture, limits: ExecutionLimits, location: SourceLocation
    ) -> BadInput {
        let on = "on \(fixture.name)"
        let diagnostic: Diagnostic =
            switch failure {
            case .noStatement:
                .error("gold query is empty", at: location)
            case .notAllowed, .severalStatements:
                .error("gold query is not a single read statement (\(failure.reason))", at: location)
            case .sqlite(let message):
                .error("gold query fails \(on): \(message)", at: location)
            case .timedOut:
                .error("gold query \(failure.reason) \(on)", at: location, hint: "raise the case's timeout")
            case .tooManyRows:
                .error("gold query returns \(failure.reason) \(on)", at: location, hint: "raise max_rows")
            case .tooLarge, .outOfMemory:
                .error("gold query result too large \(on): \(failure.reason)", at: location)
            }
        return BadInput(diagnostic)
    }
}
