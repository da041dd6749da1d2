/// Generates ``GoldVariant``s of a query by editing its tokens: comparison operators next to a constant,
/// numeric constants ± 1 (REALs ± 10 %), LIMIT ± 1, a DISTINCT dropped, one condition of a WHERE, HAVING or
/// multi-condition ON dropped.
///
/// `=` only flips where one side is a literal, and an ON clause never loses its only condition, so no variant
/// turns a join into a cross product of the whole fixture.
struct GoldVariants {
    private let t: TokenizedSQL
    private let shape: QueryShape

    init(_ shape: QueryShape) {
        self.shape = shape
        t = shape.source
    }

    /// At most `limit` distinct variants, the likeliest mistakes first.
    func all(limit: Int = 16) -> [GoldVariant] {
        var seen: Set<String> = [t.text(0..<t.bytes.count)]
        var out: [GoldVariant] = []
        for variant in limits() + distincts() + droppedConditions() + operators() + constants()
        where seen.insert(variant.sql).inserted {
            out.append(variant)
            if out.count == limit { break }
        }
        return out
    }

    /// The query with the bytes of `range` replaced by `text`.
    private func replacing(_ range: Range<Int>, with text: String) -> String {
        t.text(0..<range.lowerBound) + text + t.text(range.upperBound..<t.bytes.count)
    }

    private func limits() -> [GoldVariant] {
        guard let start = shape.limitStart,
            let word = t.tokens.firstIndex(where: { $0.range.lowerBound == start }),
            t.tokens.indices.contains(word + 1), t.tokens[word + 1].kind == .number,
            let n = Int(t.text(t.tokens[word + 1]))
        else { return [] }
        let range = t.tokens[word + 1].range
        return [n + 1, n - 1].filter { $0 >= 0 }.map {
            GoldVariant(label: "`LIMIT \(n)` → `LIMIT \($0)`", sql: replacing(range, with: String($0)))
        }
    }

    private func distincts() -> [GoldVariant] {
        t.tokens.indices.filter { t.isKeyword($0, "DISTINCT") }.map { index in
            GoldVariant(label: "DISTINCT dropped", sql: replacing(t.tokens[index].range, with: ""))
        }
    }

    private func droppedConditions() -> [GoldVariant] {
        var variants: [GoldVariant] = []
        for index in t.tokens.indices {
            guard let word = t.keyword(index), ["WHERE", "HAVING", "ON"].contains(word) else { continue }
            let parts = conjuncts(after: index)
            if parts.count == 1 && word == "ON" { continue }
            for (position, part) in parts.enumerated() {
                let condition = t.text(tokens: part.lowerBound, through: part.upperBound - 1)
                let removed: Range<Int>
                if parts.count == 1 {
                    removed = t.tokens[index].range.lowerBound..<t.tokens[part.upperBound - 1].range.upperBound
                } else if position == 0 {
                    removed = t.tokens[part.lowerBound].range.lowerBound..<t.tokens[parts[1].lowerBound].range.lowerBound
                } else {
                    removed = t.tokens[part.lowerBound - 1].range.lowerBound..<t.tokens[part.upperBound - 1].range.upperBound
                }
                variants.append(GoldVariant(label: "condition `\(condition)` dropped", sql: replacing(removed, with: " ")))
            }
        }
        return variants
    }

    /// The AND-separated conditions of the clause whose keyword is token `keyword`, as token ranges.
    private func conjuncts(after keyword: Int) -> [Range<Int>] {
        let depth = t.tokens[keyword].depth
        var parts: [Range<Int>] = []
        var start = keyword + 1
        var pendingBetween = 0
        var cases = 0
        var index = keyword + 1
        while index < t.tokens.count {
            let token = t.tokens[index]
            if token.depth < depth || (token.depth == depth && t.isPunctuation(index, UInt8(ascii: ";"))) { break }
            if token.depth == depth {
                if t.isPunctuation(index, UInt8(ascii: ",")) && cases == 0 { break }
                switch t.keyword(index) {
                case "CASE"?: cases += 1
                case "END"?: cases = max(0, cases - 1)
                case "BETWEEN"?: pendingBetween += 1
                case "AND"? where pendingBetween > 0: pendingBetween -= 1
                case "AND"? where cases == 0:
                    parts.append(start..<index)
                    start = index + 1
                case let word? where cases == 0 && Self.clauseEnds.contains(word):
                    parts.append(start..<index)
                    return parts.filter { !$0.isEmpty }
                default: break
                }
            }
            index += 1
        }
        parts.append(start..<index)
        return parts.filter { !$0.isEmpty }
    }

    private static let clauseEnds: Set<String> = [
        "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "JOIN", "LEFT", "RIGHT",
        "INNER", "CROSS", "NATURAL", "FULL", "WHERE", "ON", "USING", "RETURNING",
    ]

    /// Runs of adjacent symbol tokens: `<=` is two tokens in the source.
    private func operators() -> [GoldVariant] {
        var variants: [GoldVariant] = []
        var index = 0
        while index < t.tokens.count {
            guard t.tokens[index].kind == .symbol else {
                index += 1
                continue
            }
            var end = index + 1
            while end < t.tokens.count && t.tokens[end].kind == .symbol
                && t.tokens[end].range.lowerBound == t.tokens[end - 1].range.upperBound
            {
                end += 1
            }
            let range = t.tokens[index].range.lowerBound..<t.tokens[end - 1].range.upperBound
            let symbol = t.text(range)
            let literalBeside = [index - 1, end].contains { t.tokens.indices.contains($0) && [.number, .string].contains(t.tokens[$0].kind) }
            let flips: [String] =
                switch symbol {
                case "<": ["<="]
                case "<=": ["<"]
                case ">": [">="]
                case ">=": [">"]
                case "=", "==": literalBeside ? ["<>"] : []
                case "<>", "!=": literalBeside ? ["="] : []
                default: []
                }
            for flip in flips {
                variants.append(GoldVariant(label: "`\(symbol)` → `\(flip)`", sql: replacing(range, with: flip)))
            }
            index = end
        }
        return variants
    }

    private func constants() -> [GoldVariant] {
        var variants: [GoldVariant] = []
        let limitNumber = shape.limitStart.flatMap { start in t.tokens.firstIndex { $0.range.lowerBound == start } }.map { $0 + 1 }
        for index in t.tokens.indices where t.tokens[index].kind == .number && index != limitNumber {
            // `ORDER BY 2`, `GROUP BY 1`: a column position, not a constant.
            if t.isKeyword(index - 1, "BY") || t.isKeyword(index - 1, "LIMIT") || t.isKeyword(index - 1, "OFFSET") {
                continue
            }
            let text = t.text(t.tokens[index])
            let range = t.tokens[index].range
            var changed: [String] = []
            if let n = Int(text) {
                changed = [String(n + 1), String(n - 1)]
            } else if let x = Double(text), x != 0 {
                changed = [(x * 1.1).description, (x * 0.9).description]
            }
            for value in changed {
                variants.append(GoldVariant(label: "`\(text)` → `\(value)`", sql: replacing(range, with: value)))
            }
        }
        return variants
    }
}
