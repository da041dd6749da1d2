/// What kind of statement an SQL text starts with, judged by its first keywords.
enum StatementKind: Sendable, Equatable {
    /// SELECT, WITH or VALUES: may be a query (the authorizer decides the rest).
    case read
    /// A statement that is never a query, named the way a reviewer would say it ("DROP TABLE", "INSERT").
    case other(String)
    /// No recognisable keyword first: left to SQLite to reject or run.
    case unknown

    init(_ sql: TokenizedSQL) {
        var index = 0
        while sql.isPunctuation(index, UInt8(ascii: ";")) || sql.isPunctuation(index, UInt8(ascii: "(")) {
            index += 1
        }
        guard let first = sql.keyword(index) else {
            self = .unknown
            return
        }
        switch first {
        case "SELECT", "VALUES":
            self = .read
        case "WITH":
            // The statement after the common table expressions decides: a query, or a write.
            let verb = sql.tokens.indices.dropFirst(index + 1).lazy
                .filter { sql.tokens[$0].depth == 0 }
                .compactMap { sql.keyword($0) }
                .first { Self.afterWith.contains($0) }
            self = verb.map { $0 == "SELECT" || $0 == "VALUES" ? .read : .other($0) } ?? .read
        case "CREATE", "DROP", "ALTER":
            var words = [first]
            var next = index + 1
            while let word = sql.keyword(next), words.count < 4 {
                words.append(word == "TEMPORARY" ? "TEMP" : word)
                if Self.objects.contains(word) { break }
                next += 1
            }
            if let last = words.last, !Self.objects.contains(last) { words = [first] }
            self = .other(words.joined(separator: " "))
        case _ where Self.statements.contains(first):
            self = .other(first)
        default:
            self = .unknown
        }
    }

    private static let afterWith: Set<String> = ["SELECT", "VALUES", "INSERT", "REPLACE", "UPDATE", "DELETE"]

    private static let objects: Set<String> = ["TABLE", "INDEX", "VIEW", "TRIGGER"]

    /// First keywords of SQLite statements that are not queries.
    static let statements: Set<String> = [
        "INSERT", "REPLACE", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "PRAGMA",
        "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "VACUUM", "REINDEX", "ANALYZE", "EXPLAIN",
    ]
}
