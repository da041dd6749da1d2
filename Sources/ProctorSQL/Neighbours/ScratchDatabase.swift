import CSQLite
import Foundation

/// A private writable copy of a fixture, where neighbours are made: mutations are applied one at a time and
/// any that breaks a constraint (primary key, UNIQUE, NOT NULL, CHECK, a declared foreign key) is undone.
///
/// Only this type writes SQL that changes data, and only from ``Mutation`` values whose names it has
/// checked against the schema. Not thread-safe.
final class ScratchDatabase {
    private let db: OpaquePointer
    private(set) var tables: [TableSchema] = []

    /// `schema`, when given, is the fixture's as another copy read it (saves reading it again).
    init(copying fixture: Fixture, schema: [TableSchema]? = nil) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(":memory:", &handle, flags, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close_v2(handle)
            throw HarnessError(description: "cannot open an in-memory SQLite database")
        }
        self.db = db
        guard let copy = sqlite3_malloc64(UInt64(fixture.size))?.assumingMemoryBound(to: UInt8.self) else {
            throw HarnessError(description: "out of memory copying \(fixture.name)")
        }
        copy.update(from: fixture.image, count: Int(fixture.size))
        let rc = sqlite3_deserialize(
            db, "main", copy, fixture.size, fixture.size,
            UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE))
        guard rc == SQLITE_OK else {
            throw HarnessError(description: "cannot copy fixture \(fixture.name): \(message)")
        }
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        _ = proctor_sqlite_db_config_int(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nil)
        guard exec("PRAGMA foreign_keys = ON") else {
            throw HarnessError(description: "cannot enable foreign keys: \(message)")
        }
        tables = schema ?? readSchema()
    }

    deinit {
        sqlite3_close_v2(db)
    }

    /// Larger tables are not stored in reverse: rewriting them costs more than the order is worth (the
    /// reverse-scan check covers scan order on the real databases).
    static let largestReversed = 1_000

    func table(_ name: String) -> TableSchema? {
        tables.first { $0.name == name }
    }

    /// Applies `mutation`, or undoes it and returns false when it names something that is not there or
    /// breaks a constraint.
    func apply(_ mutation: Mutation) -> Bool {
        guard let table = table(mutation.table) else { return false }
        guard exec("SAVEPOINT neighbour") else { return false }
        let applied = perform(mutation, on: table)
        if applied {
            _ = exec("RELEASE neighbour")
            refreshCount(of: table.name)
        } else {
            _ = exec("ROLLBACK TO neighbour")
            _ = exec("RELEASE neighbour")
        }
        return applied
    }

    /// The database as a fixture named `name`.
    func snapshot(named name: String, url: URL, digest: String) throws -> Fixture {
        var size: Int64 = 0
        guard let image = sqlite3_serialize(db, "main", &size, 0) else {
            throw HarnessError(description: "cannot serialize neighbour \(name)")
        }
        return Fixture(url: url, image: image, size: size, name: name, digest: digest)
    }

    /// The rowid of the `index`-th row of `table` in rowid order.
    func rowid(in table: String, at index: Int) -> Int64? {
        if case .integer(let rowid)? = values("SELECT rowid FROM \(quoted(table)) ORDER BY rowid LIMIT 1 OFFSET ?", [.integer(Int64(index))]).first {
            return rowid
        }
        return nil
    }

    /// One column's value in one row.
    func value(_ table: String, _ column: String, rowid: Int64) -> SQLValue? {
        values("SELECT \(quoted(column)) FROM \(quoted(table)) WHERE rowid = ?", [.integer(rowid)]).first
    }

    /// The `index`-th non-NULL value of a column other than `excluding`, in scan order.
    func otherValue(_ table: String, _ column: String, excluding: SQLValue, index: Int) -> SQLValue? {
        let sql = "SELECT \(quoted(column)) FROM \(quoted(table)) WHERE \(quoted(column)) IS NOT NULL"
            + " AND \(quoted(column)) IS NOT ? LIMIT 1 OFFSET ?"
        return values(sql, [excluding, .integer(Int64(index))]).first
    }

    /// Rowids of rows whose `column` is not `value`, the first `limit` of them.
    func rowids(_ table: String, where column: String, isNot value: SQLValue, limit: Int) -> [Int64] {
        values("SELECT rowid FROM \(quoted(table)) WHERE \(quoted(column)) IS NOT ? ORDER BY rowid LIMIT ?",
               [value, .integer(Int64(limit))]).compactMap { if case .integer(let id) = $0 { id } else { nil } }
    }

    /// Rowids of rows whose `column` is one of `candidates` (at most 100 of them), the first `limit` of them.
    func rowids(_ table: String, where column: String, isIn candidates: [SQLValue], limit: Int) -> [Int64] {
        let chosen = Array(candidates.prefix(100))
        guard !chosen.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: chosen.count).joined(separator: ", ")
        return values("SELECT rowid FROM \(quoted(table)) WHERE \(quoted(column)) IN (\(marks)) ORDER BY rowid LIMIT ?",
                      chosen + [.integer(Int64(limit))]).compactMap { if case .integer(let id) = $0 { id } else { nil } }
    }

    /// Whether some row holds `value` in `column`.
    func contains(_ table: String, _ column: String, _ value: SQLValue) -> Bool {
        !values("SELECT 1 FROM \(quoted(table)) WHERE \(quoted(column)) = ? LIMIT 1", [value]).isEmpty
    }

    private func perform(_ mutation: Mutation, on table: TableSchema) -> Bool {
        let name = quoted(table.name)
        switch mutation {
        case let .set(_, column, rowid, value):
            guard table.column(column) != nil else { return false }
            return change("UPDATE \(name) SET \(quoted(column)) = ? WHERE rowid = ?", [value, .integer(rowid)]) == 1
        case let .swap(_, column, first, second):
            guard table.column(column) != nil, first != second,
                let a = self.value(table.name, column, rowid: first), let b = self.value(table.name, column, rowid: second)
            else { return false }
            let update = "UPDATE \(name) SET \(quoted(column)) = ? WHERE rowid = ?"
            // Through a value no row holds, so a UNIQUE column never sees both rows equal.
            let parked = SQLValue.text("\u{1}proctor-swap")
            return change(update, [parked, .integer(first)]) == 1 && change(update, [a, .integer(second)]) == 1
                && change(update, [b, .integer(first)]) == 1
        case let .duplicate(_, rowid):
            let copied = table.columns.map(\.name).filter { $0 != table.rowidAlias }
            guard !copied.isEmpty else { return false }
            let list = copied.map(quoted).joined(separator: ", ")
            return change("INSERT INTO \(name) (\(list)) SELECT \(list) FROM \(name) WHERE rowid = ?", [.integer(rowid)]) == 1
        case let .remove(_, rowid):
            return change("DELETE FROM \(name) WHERE rowid = ?", [.integer(rowid)]) == 1
        case .reverse:
            guard table.rowidAlias == nil, !table.isReferenced, table.rowCount <= Self.largestReversed else { return false }
            return exec("CREATE TEMP TABLE proctor_reversed AS SELECT * FROM main.\(name) ORDER BY rowid DESC")
                && exec("DELETE FROM main.\(name)")
                && exec("INSERT INTO main.\(name) SELECT * FROM temp.proctor_reversed")
                && exec("DROP TABLE temp.proctor_reversed")
        }
    }

    private func readSchema() -> [TableSchema] {
        let names = values(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                + " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name", []
        ).compactMap { if case .text(let name) = $0 { name } else { nil } }
        let referenced = Set(names.flatMap { name in
            rows("SELECT \"table\" FROM pragma_foreign_key_list(?)", [.text(name)]).compactMap { row -> String? in
                if case .text(let parent)? = row.first { parent } else { nil }
            }
        })
        return names.compactMap { name -> TableSchema? in
            let info = rows("SELECT name, upper(type), \"notnull\", pk FROM pragma_table_info(?)", [.text(name)])
            let columns = info.compactMap { row -> TableSchema.Column? in
                guard row.count == 4, case .text(let column) = row[0] else { return nil }
                let type = if case .text(let type) = row[1] { type } else { "" }
                return TableSchema.Column(
                    name: column, type: type, notNull: row[2].isIdentical(to: .integer(1)),
                    primaryKey: !row[3].isIdentical(to: .integer(0)))
            }
            // WITHOUT ROWID tables have no rowid to name rows by.
            guard !columns.isEmpty, !rows("SELECT rowid FROM \(quoted(name)) LIMIT 1", []).isEmpty || count(name) == 0
            else { return nil }
            let keys = columns.filter(\.primaryKey)
            let alias = keys.count == 1 && keys[0].type == "INTEGER" ? keys[0].name : nil
            return TableSchema(
                name: name, columns: columns, rowidAlias: alias,
                isReferenced: referenced.contains { $0.lowercased() == name.lowercased() }, rowCount: count(name))
        }
    }

    private func count(_ table: String) -> Int {
        if case .integer(let n)? = values("SELECT COUNT(*) FROM \(quoted(table))", []).first { return Int(n) }
        return 0
    }

    private func refreshCount(of table: String) {
        guard let index = tables.firstIndex(where: { $0.name == table }) else { return }
        tables[index].rowCount = count(table)
    }

    private func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private var message: String { String(cString: sqlite3_errmsg(db)) }

    private func exec(_ sql: String) -> Bool {
        sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK
    }

    private func values(_ sql: String, _ bindings: [SQLValue]) -> [SQLValue] {
        rows(sql, bindings).compactMap(\.first)
    }

    /// Rows of a statement with bound values; empty when it fails.
    private func rows(_ sql: String, _ bindings: [SQLValue]) -> [[SQLValue]] {
        guard let statement = prepare(sql, bindings) else { return [] }
        defer { sqlite3_finalize(statement) }
        var rows: [[SQLValue]] = []
        let width = sqlite3_column_count(statement)
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append((0..<width).map { Self.column(statement, $0) })
        }
        return rows
    }

    /// Rows changed by a statement, or -1 when it fails.
    private func change(_ sql: String, _ bindings: [SQLValue]) -> Int {
        guard let statement = prepare(sql, bindings) else { return -1 }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_DONE else { return -1 }
        return Int(sqlite3_changes(db))
    }

    private func prepare(_ sql: String, _ bindings: [SQLValue]) -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        for (offset, value) in bindings.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, proctor_sqlite_transient())
            case .blob(let bytes) where bytes.isEmpty:
                sqlite3_bind_zeroblob(statement, index, 0)
            case .blob(let bytes):
                bytes.withUnsafeBytes { raw in
                    _ = sqlite3_bind_blob(statement, index, raw.baseAddress, Int32(raw.count), proctor_sqlite_transient())
                }
            }
        }
        return statement
    }

    private static func column(_ statement: OpaquePointer, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: .real(sqlite3_column_double(statement, index))
        case SQLITE3_TEXT:
            sqlite3_column_text(statement, index).map { .text(String(cString: $0)) } ?? .text("")
        case SQLITE_BLOB:
            if let blob = sqlite3_column_blob(statement, index) {
                .blob(Array(UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(statement, index)))))
            } else {
                .blob([])
            }
        default: .null
        }
    }
}
