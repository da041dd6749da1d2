/// Draws random ``Mutation``s of a scratch database, aimed at the tables, columns and constants the gold uses.
struct MutationMaker {
    enum Kind: CaseIterable {
        case perturb, swap, boundary, null, duplicate, remove, reverse
    }

    /// Names (lowercased) of identifiers in the gold: the tables and columns worth changing.
    let identifiers: Set<String>
    /// The gold's literals: boundary values.
    let literals: [SQLValue]
    /// Per table, rows that hold a gold constant or a value of the gold's first result rows in a column the
    /// gold names: changing one of these is likely to change what the gold returns.
    private var focus: [String: [Int64]] = [:]

    init(_ shape: QueryShape, answer: ResultSet, in db: ScratchDatabase) {
        let t = shape.source
        identifiers = Set(t.tokens.indices.compactMap { t.identifier($0)?.lowercased() })
        literals = t.tokens.indices.compactMap { index -> SQLValue? in
            let token = t.tokens[index]
            let text = t.text(token)
            switch token.kind {
            case .number: return Int64(text).map(SQLValue.integer) ?? Double(text).map(SQLValue.real)
            case .string: return .text(String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
            default: return nil
            }
        }
        let shown = answer.rows.prefix(3).flatMap { $0 }.filter { !$0.isIdentical(to: .null) }
        let tables = db.tables.filter { identifiers.contains($0.name.lowercased()) }
        // Two passes: rows holding the gold's constants or answer values, then rows whose columns hold the keys
        // of those (the enrolments of a student the gold returns).
        var values = literals + shown
        for pass in 0..<2 {
            var keys: [SQLValue] = []
            for table in tables {
                var rows = focus[table.name] ?? []
                for column in table.columns where identifiers.contains(column.name.lowercased()) && rows.count < 64 {
                    rows += db.rowids(table.name, where: column.name, isIn: values, limit: 64 - rows.count)
                }
                focus[table.name] = Array(Set(rows)).sorted()
                if table.rowidAlias != nil { keys += rows.prefix(8).map(SQLValue.integer) }
            }
            if pass == 0 { values = keys }
        }
    }

    /// One mutation of `kind`, or nil when the database offers nothing for it.
    func make(_ kind: Kind, in db: ScratchDatabase, using random: inout SeededGenerator) -> Mutation? {
        let tables = db.tables.filter { $0.rowCount > 0 }
        let used = tables.filter { identifiers.contains($0.name.lowercased()) }
        let pool = used.isEmpty ? tables : used
        guard !pool.isEmpty else { return nil }
        let table = pool[random.below(pool.count)]
        // Half the time a row the gold's constants or answer point at (`course_id = 5`, a name it returns):
        // changing any other row of a large table seldom changes what the gold sees.
        let focused = random.below(2) == 0 ? focus[table.name] ?? [] : []
        let picked = focused.isEmpty ? db.rowid(in: table.name, at: random.below(table.rowCount)) : focused[random.below(focused.count)]
        guard let rowid = picked else { return nil }

        switch kind {
        case .perturb:
            guard let column = column(of: table, using: &random, where: { _ in true }),
                let value = db.value(table.name, column.name, rowid: rowid),
                let changed = perturbed(value, table, column, db, &random)
            else { return nil }
            return .set(table: table.name, column: column.name, rowid: rowid, value: changed)
        case .swap:
            guard let column = column(of: table, using: &random, where: { _ in true }),
                let value = db.value(table.name, column.name, rowid: rowid)
            else { return nil }
            let others = db.rowids(table.name, where: column.name, isNot: value, limit: 64)
            guard !others.isEmpty else { return nil }
            return .swap(table: table.name, column: column.name, first: rowid, second: others[random.below(others.count)])
        case .boundary:
            guard !literals.isEmpty else { return nil }
            let literal = literals[random.below(literals.count)]
            let fits: (TableSchema.Column) -> Bool = { column in
                switch literal {
                case .integer, .real: TableSchema.isNumeric(column.type)
                case .text: db.contains(table.name, column.name, literal)
                default: false
                }
            }
            guard let column = column(of: table, using: &random, where: fits) else { return nil }
            let targets = db.rowids(table.name, where: column.name, isNot: literal, limit: 64)
            guard !targets.isEmpty else { return nil }
            return .set(table: table.name, column: column.name, rowid: targets[random.below(targets.count)], value: literal)
        case .null:
            guard let column = column(of: table, using: &random, where: { !$0.notNull && !$0.primaryKey }) else { return nil }
            return .set(table: table.name, column: column.name, rowid: rowid, value: .null)
        case .duplicate:
            return .duplicate(table: table.name, rowid: rowid)
        case .remove:
            return .remove(table: table.name, rowid: rowid)
        case .reverse:
            let reversible = pool.filter {
                $0.rowidAlias == nil && !$0.isReferenced && (2...ScratchDatabase.largestReversed).contains($0.rowCount)
            }
            guard !reversible.isEmpty else { return nil }
            return .reverse(table: reversible[random.below(reversible.count)].name)
        }
    }

    /// A column of `table` the gold names (any when it names none), never the rowid alias.
    private func column(
        of table: TableSchema, using random: inout SeededGenerator, where accept: (TableSchema.Column) -> Bool
    ) -> TableSchema.Column? {
        let candidates = table.columns.filter { $0.name != table.rowidAlias && accept($0) }
        let named = candidates.filter { identifiers.contains($0.name.lowercased()) }
        let pool = named.isEmpty ? candidates : named
        return pool.isEmpty ? nil : pool[random.below(pool.count)]
    }

    /// Another plausible value of the column's kind: a near number, a changed digit or suffix, or another value
    /// the column holds.
    private func perturbed(
        _ value: SQLValue, _ table: TableSchema, _ column: TableSchema.Column, _ db: ScratchDatabase,
        _ random: inout SeededGenerator
    ) -> SQLValue? {
        if random.below(2) == 0, let other = db.otherValue(table.name, column.name, excluding: value, index: random.below(16)) {
            return other
        }
        switch value {
        case .integer(let n): return .integer(n + [1, -1, 2, -2][random.below(4)])
        case .real(let x): return .real(x + (random.below(2) == 0 ? 1 : -1) * max(abs(x) * 0.05, 0.01))
        case .text(let text):
            // Text with digits (a date, a code) keeps its shape: its first digit changes (`2024-01-15` →
            // `3024-01-15`), so functions that parse it still can. Other text gains a suffix.
            guard let digit = text.firstIndex(where: { $0.isASCII && $0.isNumber }), let value = text[digit].wholeNumberValue
            else { return .text(text + " II") }
            return .text(text.replacingCharacters(in: digit...digit, with: String((value + 1) % 10)))
        case .null, .blob: return db.otherValue(table.name, column.name, excluding: value, index: 0)
        }
    }
}
