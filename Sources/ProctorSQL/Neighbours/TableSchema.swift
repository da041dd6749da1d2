/// What neighbours may change in one table: its columns and the constraints SQLite does not check for us.
struct TableSchema: Sendable {
    struct Column: Sendable {
        var name: String
        /// The declared type, uppercased (`INTEGER`, `REAL`, `TEXT`, or empty).
        var type: String
        var notNull: Bool
        /// Part of the primary key.
        var primaryKey: Bool
    }

    var name: String
    var columns: [Column]
    /// The column that is an alias of the rowid (`id INTEGER PRIMARY KEY`), if any.
    var rowidAlias: String?
    /// Another table's foreign key points here.
    var isReferenced: Bool
    var rowCount: Int

    func column(_ name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// Whether the column's values are numbers, by declared type.
    static func isNumeric(_ type: String) -> Bool {
        ["INT", "REAL", "FLOA", "DOUB", "NUM", "DEC"].contains { type.contains($0) }
    }
}
