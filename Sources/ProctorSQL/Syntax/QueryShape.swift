/// The top-level clauses of a query that decide how its rows are compared: ORDER BY, LIMIT, the select list.
///
/// Only depth-0 tokens count, so an ORDER BY inside a subquery, a window, an aggregate or a string is not
/// the query's own. A leading WITH clause is skipped.
struct QueryShape: Sendable {
    let source: TokenizedSQL
    /// The top-level ORDER BY terms, in order; empty when there is none.
    private(set) var orderTerms: [OrderTerm] = []
    private(set) var hasLimit = false
    /// The OFFSET expression (`LIMIT n OFFSET m` or `LIMIT m, n`).
    private(set) var offset: String?
    /// Byte where the LIMIT clause starts.
    private(set) var limitStart: Int?
    /// Byte after the statement's last token (before any `;`).
    private(set) var statementEnd = 0
    /// Byte where more result columns can be inserted; nil for compound selects and VALUES.
    private(set) var selectListEnd: Int?
    /// Result-column aliases (lowercased) and the expressions they name.
    private(set) var aliases: [String: String] = [:]
    private(set) var isCompound = false
    /// `SELECT DISTINCT`: extra result columns would change which rows it merges.
    private(set) var isDistinct = false

    var isOrdered: Bool { !orderTerms.isEmpty }

    init(_ sql: String) {
        source = TokenizedSQL(sql)
        let t = source
        var start = 0
        while t.isPunctuation(start, UInt8(ascii: ";")) { start += 1 }
        var end = start
        while end < t.tokens.count && !(t.tokens[end].depth == 0 && t.isPunctuation(end, UInt8(ascii: ";"))) {
            end += 1
        }
        guard end > start else { return }
        statementEnd = t.tokens[end - 1].range.upperBound

        var core = start
        if t.isKeyword(core, "WITH") {
            while core < end && !(t.tokens[core].depth == 0 && (t.isKeyword(core, "SELECT") || t.isKeyword(core, "VALUES"))) {
                core += 1
            }
        }
        guard core < end else { return }

        var listEnd: Int?
        var order: Int?
        var limit: Int?
        for index in core..<end where t.tokens[index].depth == 0 {
            switch t.keyword(index) {
            case "UNION", "INTERSECT", "EXCEPT":
                isCompound = true
            case "FROM", "WHERE", "GROUP", "HAVING", "WINDOW":
                if !isCompound && listEnd == nil { listEnd = index }
            case "ORDER" where t.isKeyword(index + 1, "BY"):
                order = index
                if !isCompound && listEnd == nil { listEnd = index }
            case "LIMIT":
                limit = index
                if !isCompound && listEnd == nil { listEnd = index }
            default:
                break
            }
        }

        if !isCompound && t.isKeyword(core, "SELECT") {
            isDistinct = t.isKeyword(core + 1, "DISTINCT")
            selectListEnd = listEnd.map { t.tokens[$0].range.lowerBound } ?? statementEnd
            readAliases(from: core + 1, to: listEnd ?? end)
        }
        if let order {
            let termsEnd = limit.map { $0 > order ? $0 : end } ?? end
            orderTerms = splitTopLevel(order + 2, termsEnd).compactMap(term)
        }
        if let limit {
            hasLimit = true
            limitStart = t.tokens[limit].range.lowerBound
            let clause = limit + 1..<end
            if let word = clause.first(where: { t.tokens[$0].depth == 0 && t.isKeyword($0, "OFFSET") }), word + 1 < end {
                offset = t.text(tokens: word + 1, through: end - 1)
            } else if let comma = clause.first(where: { t.tokens[$0].depth == 0 && t.isPunctuation($0, UInt8(ascii: ",")) }),
                comma > limit + 1
            {
                offset = t.text(tokens: limit + 1, through: comma - 1)
            }
        }
    }

    /// The term's expression with result-column aliases replaced by what they name, as SQLite resolves
    /// an identifier no table column claims.
    func substitutingAliases(in term: OrderTerm) -> String {
        let t = source
        var text = ""
        var cursor = t.tokens[term.tokens.lowerBound].range.lowerBound
        for index in term.tokens {
            guard let name = t.identifier(index), let expression = aliases[name.lowercased()],
                !t.isPunctuation(index - 1, UInt8(ascii: ".")), !t.isPunctuation(index + 1, UInt8(ascii: "(")),
                !t.isPunctuation(index + 1, UInt8(ascii: "."))
            else { continue }
            let range = t.tokens[index].range
            text += t.text(cursor..<range.lowerBound) + "(" + expression + ")"
            cursor = range.upperBound
        }
        return text + t.text(cursor..<t.tokens[term.tokens.upperBound - 1].range.upperBound)
    }

    /// Token ranges between depth-0 commas.
    private func splitTopLevel(_ from: Int, _ to: Int) -> [Range<Int>] {
        guard from < to else { return [] }
        var parts: [Range<Int>] = []
        var partStart = from
        for index in from..<to where source.tokens[index].depth == 0 && source.isPunctuation(index, UInt8(ascii: ",")) {
            parts.append(partStart..<index)
            partStart = index + 1
        }
        parts.append(partStart..<to)
        return parts.filter { !$0.isEmpty }
    }

    private func term(_ range: Range<Int>) -> OrderTerm? {
        let t = source
        var last = range.upperBound
        var collation = KeyCollation.binary
        if last - range.lowerBound >= 3, t.isKeyword(last - 2, "NULLS") { last -= 2 }
        if last - range.lowerBound >= 2, t.isKeyword(last - 1, "ASC") || t.isKeyword(last - 1, "DESC") { last -= 1 }
        if last - range.lowerBound >= 3, t.isKeyword(last - 2, "COLLATE") {
            collation = KeyCollation(t.identifier(last - 1) ?? "")
            last -= 2
        }
        guard last > range.lowerBound else { return nil }
        return OrderTerm(
            expression: t.text(tokens: range.lowerBound, through: last - 1), tokens: range.lowerBound..<last,
            collation: collation)
    }

    private mutating func readAliases(from: Int, to: Int) {
        let t = source
        var first = from
        while t.isKeyword(first, "DISTINCT") || t.isKeyword(first, "ALL") { first += 1 }
        for item in splitTopLevel(first, to) {
            let last = item.upperBound - 1
            guard item.count >= 2, let alias = t.identifier(last) else { continue }
            if item.count >= 3 && t.isKeyword(last - 1, "AS") {
                aliases[alias.lowercased()] = t.text(tokens: item.lowerBound, through: last - 2)
                continue
            }
            let previous = t.tokens[last - 1]
            let endsOperand =
                [.word, .quotedIdentifier, .number, .string].contains(previous.kind)
                || t.isPunctuation(last - 1, UInt8(ascii: ")"))
            let reserved = t.keyword(last).map(Self.reserved.contains) ?? false
            let previousReserved = t.keyword(last - 1).map(Self.reserved.contains) ?? false
            if endsOperand && !reserved && !previousReserved {
                aliases[alias.lowercased()] = t.text(tokens: item.lowerBound, through: last - 1)
            }
        }
    }

    /// Words that end or join expressions, so never an implicit alias.
    private static let reserved: Set<String> = [
        "END", "NULL", "THEN", "ELSE", "WHEN", "AND", "OR", "NOT", "IS", "IN", "BETWEEN", "LIKE", "GLOB", "REGEXP",
        "MATCH", "ESCAPE", "COLLATE", "DISTINCT", "ALL", "CASE", "CURRENT_TIME", "CURRENT_DATE",
        "CURRENT_TIMESTAMP", "TRUE", "FALSE", "AS", "ISNULL", "NOTNULL",
    ]
}
