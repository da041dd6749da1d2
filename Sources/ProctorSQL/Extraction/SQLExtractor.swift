import ProctorCore

/// Finds the SQL statement in a model's response.
///
/// Only the answer after a `</think>` section is searched, if it holds SQL. Fenced blocks come first:
/// blocks tagged `sql`/`sqlite` before others, and within each kind a block starting with a query (SELECT,
/// WITH, VALUES) before one starting with another statement keyword; the first such block, unless a later
/// one is introduced as final or corrected. Text after a block's `;` that is no statement is dropped. Without
/// a usable block, the prose is searched for a line starting with a query keyword, possibly after a
/// `Here is the query:` lead-in, or for an inline code span holding one; the statement runs to its `;`, its
/// closing backtick, or a blank line followed by prose.
/// The statement is returned as written: SQLite runs it without dialect rewriting.
public struct SQLExtractor: Sendable {
    public init() {}

    /// The statement to run, or nil when the response holds no SQL.
    public func extract(from response: String) -> String? {
        if let end = response.range(of: "</think>", options: .backwards),
            let answer = extractAnswer(from: String(response[end.upperBound...]))
        {
            return answer
        }
        return extractAnswer(from: response)
    }

    private func extractAnswer(from response: String) -> String? {
        let (blocks, prose) = FencedBlock.parse(response)
        let lead = leadIns(blocks, in: response)
        let filled = blocks.indices.filter { !blocks[$0].code.allSatisfy(\.isWhitespace) }
        let tagged = filled.filter { blocks[$0].language.map(Self.sqlTags.contains) ?? false }
        for group in [tagged, filled] {
            let kinds = group.map { StatementKind(TokenizedSQL(blocks[$0].code)) }
            let reads = zip(group, kinds).filter { $0.1 == .read }.map(\.0)
            let others = zip(group, kinds).filter { if case .other = $0.1 { true } else { false } }.map(\.0)
            for choices in [reads, others] {
                guard let first = choices.first else { continue }
                let chosen = choices.dropFirst().last { Self.announcesFinal(lead[$0]) } ?? first
                return withoutTrailingJunk(trimmed(blocks[chosen].code))
            }
        }
        if let statement = statementInProse(blocks.isEmpty ? response : prose) { return statement }
        return tagged.first.map { trimmed(blocks[$0].code) }
    }

    /// The text before each block (since the previous one), found by locating the blocks' code in order.
    private func leadIns(_ blocks: [FencedBlock], in response: String) -> [Substring] {
        var cursor = response.startIndex
        return blocks.map { block in
            guard !block.code.isEmpty, let found = response.range(of: block.code, range: cursor..<response.endIndex)
            else { return "" }
            defer { cursor = found.upperBound }
            return response[cursor..<found.lowerBound]
        }
    }

    /// Whether a lead-in presents the block after it as the answer that replaces earlier ones.
    private static func announcesFinal(_ lead: Substring) -> Bool {
        let text = lead.suffix(160).lowercased()
        return ["final", "corrected", "revised", "fixed query", "updated query"].contains { text.contains($0) }
    }

    /// The statement without text after its `;` that is no statement at all (a pasted result table, say).
    private func withoutTrailingJunk(_ code: String) -> String {
        let tokens = TokenizedSQL(code)
        guard let semicolon = tokens.tokens.indices.first(where: { tokens.tokens[$0].depth == 0 && tokens.isPunctuation($0, UInt8(ascii: ";")) })
        else { return code }
        let rest = tokens.text(tokens.tokens[semicolon].range.upperBound..<tokens.bytes.count)
        let restTokens = TokenizedSQL(rest)
        guard !restTokens.isOnlySemicolons, StatementKind(restTokens) == .unknown else { return code }
        return tokens.text(0..<tokens.tokens[semicolon].range.upperBound)
    }

    private static let sqlTags: Set<String> = ["sql", "sqlite", "sqlite3"]

    private func trimmed(_ text: some StringProtocol) -> String {
        var characters = Substring(text)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }

    /// A statement found in running text; a query is preferred to another statement.
    private func statementInProse(_ text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var fallback: String?
        for (index, line) in lines.enumerated() {
            guard let start = statementStart(in: line) else { continue }
            let statement = collect(lines, from: index, start: start.index, inlineCode: start.inlineCode)
            guard !statement.isEmpty, plausible(statement, start: start) else { continue }
            switch StatementKind(TokenizedSQL(statement)) {
            case .read: return statement
            case .other: if fallback == nil { fallback = statement }
            case .unknown: continue
            }
        }
        return fallback
    }

    private struct Start {
        var index: Substring.Index
        /// The statement opened an inline code span, so the next backtick ends it.
        var inlineCode: Bool
        /// The keyword was written `Select`/`With`, as a sentence would start.
        var capitalized: Bool
        /// The keyword was written in lowercase.
        var lowercase: Bool
    }

    /// Where a statement begins on `line`: at its start, or after a lead-in ending in `:`.
    private func statementStart(in line: Substring) -> Start? {
        var candidates: [Substring.Index] = [line.startIndex]
        if let colon = line.firstIndex(of: ":") { candidates.append(line.index(after: colon)) }
        candidates += line.indices.filter { line[$0] == "`" && ($0 == line.startIndex || line[line.index(before: $0)] != "`") }
        for var index in candidates {
            while index < line.endIndex, line[index].isWhitespace || line[index] == ">" { index = line.index(after: index) }
            var inlineCode = false
            while index < line.endIndex, line[index] == "`" {
                inlineCode = true
                index = line.index(after: index)
            }
            let word = line[index...].prefix { $0.isLetter }
            guard !word.isEmpty else { continue }
            let upper = word.uppercased()
            let isQuery = upper == "SELECT" || upper == "WITH"
            let isStatement = word == upper && StatementKind.statements.contains(upper)
            guard isQuery || isStatement else { continue }
            let lowercase = word == word.lowercased()
            return Start(index: index, inlineCode: inlineCode, capitalized: word != upper && !lowercase, lowercase: lowercase)
        }
        return nil
    }

    /// The statement's text from `start`: to its first `;`, a closing backtick, or where prose resumes.
    private func collect(_ lines: [Substring], from first: Int, start: Substring.Index, inlineCode: Bool) -> String {
        let opening = lines[first][start...]
        var taken = [inlineCode ? opening.prefix { $0 != "`" } : opening]
        var index = first + 1
        while !inlineCode && index < lines.count {
            let line = lines[index]
            if line.allSatisfy(\.isWhitespace) {
                guard let next = lines[(index + 1)...].first(where: { !$0.allSatisfy(\.isWhitespace) }),
                    continuesStatement(next)
                else { break }
            } else if looksLikeProse(line) {
                break
            }
            taken.append(line)
            index += 1
        }
        let text = taken.joined(separator: "\n")
        let tokens = TokenizedSQL(text)
        if let semicolon = tokens.tokens.indices.first(where: { tokens.isPunctuation($0, UInt8(ascii: ";")) }) {
            return trimmed(tokens.text(0..<tokens.tokens[semicolon].range.lowerBound))
        }
        return trimmed(text)
    }

    /// Whether a line after a blank line still belongs to the statement.
    private func continuesStatement(_ line: Substring) -> Bool {
        if let first = line.first, first == " " || first == "\t" || first == ")" || first == "," { return true }
        let word = line.prefix { $0.isLetter || $0 == "_" }.uppercased()
        return Self.clauseWords.contains(word)
    }

    /// A sentence or Markdown line, which ends a statement written without a `;`.
    private func looksLikeProse(_ line: Substring) -> Bool {
        let text = trimmed(line)
        if text.hasPrefix("#") || text.hasPrefix("**") || text.hasPrefix("- ") || text.hasPrefix("* ") { return true }
        let words = text.split(separator: " ")
        guard words.count >= 4, let first = words.first, let initial = first.first, initial.isUppercase,
            first.dropFirst().allSatisfy({ $0.isLowercase || $0 == "," || $0 == ":" }),
            let last = text.last, ".:!?".contains(last)
        else { return false }
        return !Self.clauseWords.contains(first.uppercased())
    }

    /// A statement found in prose must look like code, not like a sentence that starts with "Select" or "with".
    ///
    /// An uppercase keyword is taken at its word; otherwise a SELECT needs a FROM (uppercase after a
    /// capitalized "Select") and a WITH needs `name AS` or `name(columns) AS`.
    private func plausible(_ statement: String, start: Start) -> Bool {
        guard start.lowercase || start.capitalized else { return true }
        let tokens = TokenizedSQL(statement)
        let indices = tokens.tokens.indices
        if tokens.isKeyword(0, "WITH") {
            var index = tokens.isKeyword(1, "RECURSIVE") ? 2 : 1
            guard tokens.identifier(index) != nil else { return false }
            index += 1
            if tokens.isPunctuation(index, UInt8(ascii: "(")) {
                let depth = tokens.tokens[index].depth
                index += 1
                while index < tokens.tokens.count && !(tokens.tokens[index].depth == depth && tokens.isPunctuation(index, UInt8(ascii: ")"))) {
                    index += 1
                }
                index += 1
            }
            return tokens.isKeyword(index, "AS")
        }
        return indices.contains { tokens.isKeyword($0, "FROM") && (!start.capitalized || tokens.text(tokens.tokens[$0]) == "FROM") }
    }

    private static let clauseWords: Set<String> = [
        "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "FULL", "NATURAL", "ON",
        "USING", "AND", "OR", "NOT", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT",
        "WINDOW", "AS", "CASE", "WHEN", "THEN", "ELSE", "END", "WITH", "VALUES", "IN", "EXISTS", "BY",
    ]
}
