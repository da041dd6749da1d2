import CSQLite

/// A private read-only clone of a fixture, with the guards every query runs under.
///
/// Queries are compiled under the ``Authorizer`` allow-list, must be one statement, and run with a
/// deadline, a row cap, byte caps and ``BoundedFunctions`` in place of the built-ins that can loop long.
/// Not thread-safe: one connection per grading call.
final class Connection {
    private let db: OpaquePointer
    private let fixture: Fixture
    private let authorizer = Authorizer()
    private let watchdog: Watchdog
    private let functions: BoundedFunctions
    let limits: ExecutionLimits

    /// `clock`, when given, is told when each statement starts and stops.
    init(cloning fixture: Fixture, limits: ExecutionLimits, clock: StatementClock? = nil) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(":memory:", &handle, flags, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close_v2(handle)
            throw HarnessError(description: "cannot open an in-memory SQLite database")
        }
        let rc = sqlite3_deserialize(
            db, "main", fixture.image, fixture.size, fixture.size, UInt32(SQLITE_DESERIALIZE_READONLY))
        guard rc == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw HarnessError(description: "cannot clone fixture \(fixture.name): \(message)")
        }
        self.db = db
        self.fixture = fixture
        self.limits = limits
        watchdog = Watchdog(clock: clock)
        functions = BoundedFunctions(watchdog: watchdog, maxValueLength: limits.maxValueLength)

        for (option, value) in [
            (SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0), (SQLITE_DBCONFIG_DEFENSIVE, 1),
            (SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0), (SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0),
        ] {
            _ = proctor_sqlite_db_config_int(db, option, Int32(value), nil)
        }
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, limits.maxValueLength)
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20)
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_progress_handler(
            db, 1000,
            { context in
                guard let context else { return 0 }
                let watchdog = Unmanaged<Watchdog>.fromOpaque(context).takeUnretainedValue()
                guard ContinuousClock.now >= watchdog.deadline else { return 0 }
                watchdog.fired = true
                return 1
            }, Unmanaged.passUnretained(watchdog).toOpaque())
        installAuthorizer()
        try functions.register(on: db)
    }

    deinit {
        sqlite3_close_v2(db)
    }

    /// Runs `sql` and collects its rows, failing past `limits.maxRows` rows or `limits.maxResultBytes`.
    func run(_ sql: String) -> Result<ResultSet, ExecutionFailure> {
        var rows: [[SQLValue]] = []
        var bytes = 0
        let outcome = stream(sql) { row in
            guard rows.count < limits.maxRows else { return .fail(.tooManyRows(limits.maxRows)) }
            bytes += row.reduce(16 * row.count) { total, value in
                switch value {
                case .text(let text): total + text.utf8.count
                case .blob(let blob): total + blob.count
                default: total
                }
            }
            guard bytes <= limits.maxResultBytes else { return .fail(.tooLarge(limits.maxResultBytes)) }
            rows.append(row)
            return .more
        }
        return outcome.map { ResultSet(columns: $0, rows: rows) }
    }

    /// What a row callback of ``stream(_:onRow:)`` wants next.
    enum Step {
        case more
        case stop
        case fail(ExecutionFailure)
    }

    /// Runs `sql`, handing each row to `onRow`; returns the column names.
    func stream(_ sql: String, onRow: ([SQLValue]) -> Step) -> Result<[String], ExecutionFailure> {
        let statement: OpaquePointer
        switch compile(sql) {
        case .success(let compiled): statement = compiled
        case .failure(let failure): return .failure(failure)
        }
        defer { sqlite3_finalize(statement) }

        let count = sqlite3_column_count(statement)
        let columns = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
        watchdog.arm(for: limits.timeout)
        defer { watchdog.disarm() }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return .success(columns) }
            guard rc == SQLITE_ROW else { return .failure(failure(rc)) }
            let row = (0..<count).map { Self.value(statement, $0) }
            switch onRow(row) {
            case .more: continue
            case .stop: return .success(columns)
            case .fail(let failure): return .failure(failure)
            }
        }
    }

    /// The integer value of a constant expression (a LIMIT or OFFSET), or nil if it has none.
    func integer(_ expression: String) -> Int64? {
        var value: SQLValue?
        let outcome = stream("SELECT (\(expression))") { row in
            value = row.first
            return .stop
        }
        guard case .success = outcome else { return nil }
        switch value {
        case .integer(let number): return number
        case .real(let number) where number.rounded() == number && abs(number) < 9e18: return Int64(number)
        default: return nil
        }
    }

    /// Sets `PRAGMA reverse_unordered_selects`, which the allow-list refuses to queries.
    func setReverseUnorderedSelects(_ on: Bool) throws {
        sqlite3_set_authorizer(db, nil, nil)
        defer { installAuthorizer() }
        let rc = sqlite3_exec(db, "PRAGMA reverse_unordered_selects=\(on ? 1 : 0)", nil, nil, nil)
        guard rc == SQLITE_OK else {
            throw HarnessError(description: "cannot set reverse_unordered_selects: \(message)")
        }
    }

    private var message: String { String(cString: sqlite3_errmsg(db)) }

    private func installAuthorizer() {
        sqlite3_set_authorizer(
            db,
            { context, action, first, second, _, _ in
                guard let context else { return SQLITE_DENY }
                let authorizer = Unmanaged<Authorizer>.fromOpaque(context).takeUnretainedValue()
                return authorizer.decide(action, first.map { String(cString: $0) }, second.map { String(cString: $0) })
            }, Unmanaged.passUnretained(authorizer).toOpaque())
    }

    /// Compiles the one statement of `sql`, refusing anything but a single read.
    private func compile(_ sql: String) -> Result<OpaquePointer, ExecutionFailure> {
        let kind = StatementKind(TokenizedSQL(sql))
        if case .other(let name) = kind { return .failure(.notAllowed(name)) }
        authorizer.reset()
        return sql.withCString { base -> Result<OpaquePointer, ExecutionFailure> in
            var cursor: UnsafePointer<CChar>? = base
            var compiled: OpaquePointer?
            while compiled == nil {
                guard let start = cursor, start.pointee != 0 else { return .failure(.noStatement) }
                let rc = sqlite3_prepare_v2(db, start, -1, &compiled, &cursor)
                guard rc == SQLITE_OK else {
                    // A refused function fails with SQLITE_ERROR rather than SQLITE_AUTH.
                    if let refused = authorizer.refused {
                        return .failure(.notAllowed(refused))
                    }
                    return .failure(.sqlite(message))
                }
                if compiled == nil && cursor == start { return .failure(.noStatement) }
            }
            guard let statement = compiled else { return .failure(.noStatement) }
            let rest = cursor.map { String(cString: $0) } ?? ""
            let refusal: ExecutionFailure? =
                if sqlite3_stmt_readonly(statement) == 0 || sqlite3_stmt_isexplain(statement) != 0 {
                    .notAllowed(sqlite3_stmt_isexplain(statement) != 0 ? "EXPLAIN" : "statement that writes")
                } else if !TokenizedSQL(rest).isOnlySemicolons {
                    .severalStatements
                } else {
                    nil
                }
            if let refusal {
                sqlite3_finalize(statement)
                return .failure(refusal)
            }
            return .success(statement)
        }
    }

    private func failure(_ rc: Int32) -> ExecutionFailure {
        switch rc & 0xFF {
        case SQLITE_INTERRUPT where watchdog.fired: .timedOut(limits.timeout)
        case SQLITE_NOMEM: .outOfMemory
        default: .sqlite(message)
        }
    }

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, column))
        case SQLITE3_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard let blob = sqlite3_column_blob(statement, column), count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }
}
