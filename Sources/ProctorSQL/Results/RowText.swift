/// How values and rows are written in reasons and logs: `(Bob, 3)`.
enum RowText {
    /// Text is written bare unless that would be ambiguous (`'3'`, `'NULL'`, `''`).
    static func value(_ value: SQLValue, limit: Int = 40) -> String {
        switch value {
        case .null:
            return "NULL"
        case .integer(let number):
            return String(number)
        case .real(let number):
            return number.description
        case .text(let text):
            let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
            return needsQuotes(text) ? "'\(shown)'" : String(shown)
        case .blob(let bytes):
            let hex = bytes.prefix(limit / 2).map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }
            return "x'\(hex.joined())\(bytes.count > limit / 2 ? "…" : "")'"
        }
    }

    static func row(_ row: [SQLValue]) -> String {
        "(" + row.map { value($0) }.joined(separator: ", ") + ")"
    }

    /// The first `count` rows, one per line, indented.
    static func rows(_ rows: [[SQLValue]], first count: Int = 5) -> [String] {
        var lines = rows.prefix(count).map { "  " + row($0) }
        if rows.count > count { lines.append("  … \(rows.count - count) more") }
        return lines
    }

    private static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty || text.uppercased() == "NULL" || Double(text) != nil { return true }
        if let first = text.first, first.isWhitespace { return true }
        if let last = text.last, last.isWhitespace { return true }
        return text.contains(",") || text.contains("(") || text.contains(")") || text.contains("'")
    }
}
