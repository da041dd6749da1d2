import CSQLite

/// Calls SQLite's own built-in functions on a private, empty connection that overrides none of them.
///
/// The bounded functions hand a call over once they know it is cheap, so its result — value, type, NULL or
/// error — is the built-in's own. Opened on first use; one statement per function and argument count.
final class BuiltinCaller {
    private let maxValueLength: Int32
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    init(maxValueLength: Int32) {
        self.maxValueLength = maxValueLength
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// Sets the result of `context` to what the built-in `name` gives for `arguments`.
    func call(_ name: String, _ context: OpaquePointer, _ arguments: UnsafeBufferPointer<OpaquePointer?>) {
        guard let statement = statement(name, arguments.count), let db else {
            sqlite3_result_error(context, "cannot call the built-in \(name)()", -1)
            return
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, argument) in arguments.enumerated() {
            sqlite3_bind_value(statement, Int32(index + 1), argument)
        }
        let rc = sqlite3_step(statement)
        if rc == SQLITE_ROW {
            sqlite3_result_value(context, sqlite3_column_value(statement, 0))
            return
        }
        switch rc & 0xFF {
        case SQLITE_TOOBIG: sqlite3_result_error_toobig(context)
        case SQLITE_NOMEM: sqlite3_result_error_nomem(context)
        default:
            sqlite3_result_error(context, sqlite3_errmsg(db), -1)
            sqlite3_result_error_code(context, rc)
        }
    }

    private func statement(_ name: String, _ count: Int) -> OpaquePointer? {
        let key = "\(name)/\(count)"
        if let statement = statements[key] { return statement }
        guard let db = open() else { return nil }
        let placeholders = (0..<count).map { "?\($0 + 1)" }.joined(separator: ", ")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT \(name)(\(placeholders))", -1, &statement, nil) == SQLITE_OK,
            let statement
        else { return nil }
        statements[key] = statement
        return statement
    }

    private func open() -> OpaquePointer? {
        if let db { return db }
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(":memory:", &handle, flags, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            return nil
        }
        sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, maxValueLength)
        db = handle
        return handle
    }
}
