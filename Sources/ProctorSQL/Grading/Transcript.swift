/// The executor's log of one grading: the SQL, what each database returned against the reference, notes.
struct Transcript {
    private var lines: [String]

    init(sql: String) {
        lines = ["SQL:"] + sql.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    }

    mutating func database(_ name: String) {
        lines.append("database \(name):")
    }

    mutating func result(_ label: String, _ result: ResultSet) {
        let rows = result.rows.count == 1 ? "1 row" : "\(result.rows.count) rows"
        lines.append("\(label): \(rows) (\(result.columns.joined(separator: ", ")))")
        lines.append(contentsOf: RowText.rows(result.rows))
    }

    mutating func note(_ note: String) {
        lines.append("note: \(note)")
    }

    var text: String { lines.joined(separator: "\n") }

    /// `result` as a verdict shows it: columns, then the first `limit` rows.
    static func summary(_ result: ResultSet, limit: Int = 10) -> String {
        (["(\(result.columns.joined(separator: ", ")))"] + RowText.rows(result.rows, first: limit)).joined(separator: "\n")
    }
}
