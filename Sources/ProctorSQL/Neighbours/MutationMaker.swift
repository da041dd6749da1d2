/// Draws random ``Mutation``s of a scratch database, aimed at the tables, columns and constants the gold uses.
struct MutationMaker {
    enum Kind: CaseIterable {
        case perturb, swap, boundary, null, duplicate, remove, reverse
    }

    /// Names (lowercased) of identifiers in the gold: the tables and columns worth changing.
    let identifiers: Set<String>
    /// The gold's literals: boundary values.
    let literals: [SQLValue]

    init(_ shape: QueryShape) {
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
    }

    /// One mutation of `kind`, or nil when the database offers nothing for it.
    func make(_ kind: Kind, in db: ScratchDatabase, using random: inout SeededGenerator) -> Mutation? {
        let tables = db.tables.filter { $0.rowCount > 0 }
        let used = tables.filter { identifiers.contains($0.name.lowercased()) }
        let pool = used.isEmpty ? tables : used
        guard !pool.isEmpty else { return nil }
        let table = pool[random.below(pool.count)]
        guard let rowid = db.rowid(in: table.name, at: random.below(table.rowCount)) else { return nil }

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
            let reversible = pool.filter { $0.rowidAlias == nil && !$0.isReferenced && $0.rowCount > 1 }
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

    /// Another plausible value: a near number, a changed digit or suffix, or another value the column holds.
    private func perturbed(
        _ value: SQLValue, _ table: TableSchema, _ column: TableSchema.Column, _ db: ScratchDatabase,
        _ random: inout SeededGenerator
    ) -> SQLValue? {
        if random.below(2) == 0, let other = db.otherValue(table.name, column.name, excluding: value, index: random.below(4)) {
            return other
        }
        switch value {
        case .integer(let n): return .integer(n + [1, -1, 2, -2][random.below(4)])
        case .real(let x): return .real(x + (random.below(2) == 0 ? 1 : -1) * max(abs(x) * 0.05, 0.01))
        case .text(let text):
            // A date or code changes in its first digit (`2024-01-15` → `3024-01-15`); a name gains a suffix.
            guard random.below(2) == 0, let digit = text.firstIndex(where: { $0.isASCII && $0.isNumber }),
                let value = text[digit].wholeNumberValue
            else { return .text(text + " II") }
            return .text(text.replacingCharacters(in: digit...digit, with: String((value + 1) % 10)))
        case .null, .blob: return db.otherValue(table.name, column.name, excluding: value, index: 0)
        }
    }
}
