/// The columns and rows a query returned.
struct ResultSet: Sendable {
    var columns: [String]
    var rows: [[SQLValue]]

    init(columns: [String], rows: [[SQLValue]] = []) {
        self.columns = columns
        self.rows = rows
    }
}
