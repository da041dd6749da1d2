/// A query rewritten to return its ORDER BY keys next to its own columns, without its LIMIT/OFFSET.
///
/// Terms naming a result column (by position, alias or name) read that column; other expressions are
/// appended to the select list. Compound selects can only order by result columns, and a DISTINCT select
/// cannot take more columns without changing its rows.
struct KeyedQuery: Sendable {
    var sql: String
    /// For each ORDER BY term, the result column holding its value.
    var keyColumns: [Int]
    var collations: [KeyCollation]
    /// Whether expressions were appended to the select list.
    var appendsColumns: Bool

    init?(_ shape: QueryShape, columns: [String], substitutingAliases: Bool) {
        guard shape.isOrdered else { return nil }
        let t = shape.source
        let names = columns.map { $0.lowercased() }
        var extras: [String] = []
        var keys: [Int] = []
        for term in shape.orderTerms {
            if term.tokens.count == 1 {
                let index = term.tokens.lowerBound
                if t.tokens[index].kind == .number, let position = Int(t.text(t.tokens[index])) {
                    guard (1...columns.count).contains(position) else { return nil }
                    keys.append(position - 1)
                    continue
                }
                if let name = t.identifier(index), let column = names.firstIndex(of: name.lowercased()) {
                    keys.append(column)
                    continue
                }
            }
            guard !shape.isCompound, !shape.isDistinct, shape.selectListEnd != nil else { return nil }
            extras.append(substitutingAliases ? shape.substitutingAliases(in: term) : term.expression)
            keys.append(columns.count + extras.count - 1)
        }
        let cut = shape.limitStart ?? shape.statementEnd
        var sql = t.text(0..<cut)
        if !extras.isEmpty {
            guard let listEnd = shape.selectListEnd, listEnd <= cut else { return nil }
            sql = t.text(0..<listEnd) + " , " + extras.joined(separator: " , ") + " " + t.text(listEnd..<cut)
        }
        self.sql = sql
        keyColumns = keys
        collations = shape.orderTerms.map(\.collation)
        appendsColumns = !extras.isEmpty
    }

    /// Whether two rows of this query tie on all its ORDER BY keys.
    func ties(_ a: [SQLValue], _ b: [SQLValue]) -> Bool {
        zip(keyColumns, collations).allSatisfy { column, collation in collation.ties(a[column], b[column]) }
    }
}
