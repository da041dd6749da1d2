/// One change that turns a fixture into a neighbour, stored concretely so the cache can replay it.
///
/// Rows are named by rowid; table and column names are checked against the schema before any statement is
/// built, and values are bound, so a cache entry can only ever describe data changes.
enum Mutation: Sendable, Codable {
    /// Sets one value (a perturbed value, a boundary value, a NULL).
    case set(table: String, column: String, rowid: Int64, value: SQLValue)
    /// Exchanges one column's values between two rows.
    case swap(table: String, column: String, first: Int64, second: Int64)
    /// Inserts a copy of a row (with a new rowid where the key is the rowid).
    case duplicate(table: String, rowid: Int64)
    /// Deletes a row.
    case remove(table: String, rowid: Int64)
    /// Stores a table's rows again in reverse, so scans meet them in the other order.
    case reverse(table: String)

    var table: String {
        switch self {
        case .set(let table, _, _, _), .swap(let table, _, _, _), .duplicate(let table, _), .remove(let table, _),
            .reverse(let table):
            table
        }
    }

    /// What a reason says about it: `students.gpa of row 7 set to 3.5`.
    var summary: String {
        switch self {
        case let .set(table, column, rowid, value):
            "\(table).\(column) of row \(rowid) set to \(RowText.value(value, limit: 20))"
        case let .swap(table, column, first, second):
            "\(table).\(column) swapped between rows \(first) and \(second)"
        case let .duplicate(table, rowid):
            "row \(rowid) of \(table) duplicated"
        case let .remove(table, rowid):
            "row \(rowid) of \(table) removed"
        case let .reverse(table):
            "\(table) stored in reverse order"
        }
    }
}
