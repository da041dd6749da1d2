/// What one run of a query may use before it is stopped.
struct ExecutionLimits: Sendable {
    var timeout: Duration
    var maxRows: Int
    /// Total bytes of TEXT and BLOB values collected from one result.
    var maxResultBytes: Int = 64 << 20
    /// Longest string or blob SQLite may build (`SQLITE_LIMIT_LENGTH`).
    var maxValueLength: Int32 = 16 << 20
    /// How long past `timeout` a statement may still run before its grading is abandoned (see ``Backstop``).
    var backstopMargin: Duration = .seconds(1)
}
