/// Which rows of an ordered result tie on its ORDER BY keys, and which ties its LIMIT/OFFSET cut.
///
/// Found by running the query again as a ``KeyedQuery`` (keys as extra columns, no LIMIT) and checking
/// that it returns the same rows in the same tie groups.
struct TieLayout: Sendable {
    /// Runs of consecutive positions whose rows tie on every key.
    var groups: [Range<Int>]
    /// For a group the LIMIT or OFFSET cut: every row sharing its keys, any of which could fill it.
    var pools: [Int: [[SQLValue]]]

    /// The layout of `result`, what the query of `shape` returned on `connection`; nil when the keys
    /// cannot be evaluated or do not reproduce the result.
    static func analyze(
        _ shape: QueryShape, result: ResultSet, on connection: Connection, comparer: ValueComparer
    ) -> TieLayout? {
        guard shape.isOrdered else { return nil }
        let count = result.rows.count
        guard count > 0 else { return TieLayout(groups: [], pools: [:]) }
        var offset = 0
        if let expression = shape.offset {
            guard let value = connection.integer(expression) else { return nil }
            offset = Int(clamping: max(0, value))
        }
        guard offset <= connection.limits.maxRows else { return nil }

        for substituting in [false, true] {
            guard let keyed = KeyedQuery(shape, columns: result.columns, substitutingAliases: substituting) else {
                return nil
            }
            switch scan(keyed, offset: offset, count: count, limited: shape.hasLimit, on: connection) {
            case .success(let scanned):
                return layout(result, scanned, keyed, comparer)
            case .failure(.sqlite) where !substituting && keyed.appendsColumns:
                continue
            case .failure:
                return nil
            }
        }
        return nil
    }

    /// Rows of a keyed run: those tied with the window's first row just before it, the window, and
    /// those tied with its last row just after it.
    private struct Scan {
        var before: [[SQLValue]] = []
        var beforeKeys: [SQLValue]?
        var window: [[SQLValue]] = []
        var after: [[SQLValue]] = []
        /// The keyed query returned more rows than the unlimited original.
        var overflowed = false
    }

    private static func scan(
        _ keyed: KeyedQuery, offset: Int, count: Int, limited: Bool, on connection: Connection
    ) -> Result<Scan, ExecutionFailure> {
        var scan = Scan()
        var index = 0
        let cap = connection.limits.maxRows
        let outcome = connection.stream(keyed.sql) { row in
            defer { index += 1 }
            if index < offset {
                if let previous = scan.beforeKeys, keyed.ties(previous, row) {
                    scan.before.append(row)
                } else {
                    scan.before = [row]
                    scan.beforeKeys = row
                }
            } else if index < offset + count {
                scan.window.append(row)
            } else {
                guard limited else {
                    scan.overflowed = true
                    return .stop
                }
                guard let last = scan.window.last, keyed.ties(last, row) else { return .stop }
                guard scan.after.count < cap else { return .fail(.tooManyRows(cap)) }
                scan.after.append(row)
            }
            return .more
        }
        return outcome.map { _ in scan }
    }

    private static func layout(_ result: ResultSet, _ scan: Scan, _ keyed: KeyedQuery, _ comparer: ValueComparer) -> TieLayout? {
        let count = result.rows.count
        let width = result.columns.count
        guard scan.window.count == count, !scan.overflowed else { return nil }
        var groups: [Range<Int>] = []
        var start = 0
        for position in 1...count where position == count || !keyed.ties(scan.window[position - 1], scan.window[position]) {
            groups.append(start..<position)
            start = position
        }

        func project(_ rows: some Sequence<[SQLValue]>) -> [[SQLValue]] {
            rows.map { Array($0.prefix(width)) }
        }
        var pools: [Int: [[SQLValue]]] = [:]
        if let keys = scan.beforeKeys, keyed.ties(keys, scan.window[0]) {
            pools[0] = project(scan.before + scan.window[groups[0]])
        }
        if !scan.after.isEmpty {
            let last = groups.count - 1
            pools[last] = (pools[last] ?? project(scan.window[groups[last]])) + project(scan.after)
        }

        let matcher = RowMatcher(comparer: comparer, permutation: Array(0..<width))
        for (index, group) in groups.enumerated() {
            let allowed = pools[index] ?? project(scan.window[group])
            guard matcher.match(reference: allowed, candidate: Array(result.rows[group])).coversCandidate else {
                return nil
            }
        }
        return TieLayout(groups: groups, pools: pools)
    }
}
