import CSQLite
import Foundation
import ProctorCore

/// An SQLite database file, for the run history: statements with bound values, in transactions.
final class SQLiteFile {
    private let db: OpaquePointer
    let path: String

    /// Opens the file read-write (creating it) or read-only, waiting up to 10 s for another writer's lock. Opening
    /// changes nothing in the file; see ``useWAL()``.
    init(path: String, readOnly: Bool = false) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_FULLMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let db = handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw BadInput(.error("cannot open the history database: \(message)", at: SourceLocation(file: path)))
        }
        self.db = db
        self.path = path
        sqlite3_busy_timeout(db, 10_000)
    }

    /// Switches the file to WAL, so that several runs can append at once.
    func useWAL() throws {
        try execute("PRAGMA journal_mode=WAL")
    }

    deinit {
        sqlite3_close_v2(db)
    }

    /// Runs `sql` with `values` bound in order; returns every row, each value as text (nil for NULL).
    @discardableResult
    func execute(_ sql: String, _ values: [Value?] = []) throws -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure("cannot prepare \(sql.prefix(60))")
        }
        defer { sqlite3_finalize(statement) }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case nil: sqlite3_bind_null(statement, position)
            case .text(let text): sqlite3_bind_text(statement, position, text, -1, proctor_sqlite_transient())
            case .integer(let number): sqlite3_bind_int64(statement, position, Int64(number))
            case .real(let number): sqlite3_bind_double(statement, position, number)
            }
        }
        var rows: [[String?]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { throw failure("cannot run \(sql.prefix(60))") }
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                sqlite3_column_text(statement, column).map { String(cString: $0) }
            })
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it is written, or none.
    func transaction(_ body: () throws -> Void) throws {
        try execute("BEGIN IMMEDIATE")
        do {
            try body()
            try execute("COMMIT")
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in one deferred transaction: every read sees the same snapshot, whoever writes meanwhile.
    func snapshot<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN DEFERRED")
        defer { _ = try? execute("COMMIT") }
        return try body()
    }

    enum Value {
        case text(String)
        case integer(Int)
        case real(Double)
    }

    private func failure(_ what: String) -> BadInput {
        BadInput(.error("\(what): \(String(cString: sqlite3_errmsg(db)))", at: SourceLocation(file: path)))
    }
}
