import CSQLite

/// The allow-list a candidate's statement is compiled under: reads, recursive CTEs and functions only.
///
/// Table-valued PRAGMA functions are refused like PRAGMA; other table-valued functions (`json_each`) are reads.
///
/// Anything else (writes, DDL including TEMP objects, ATTACH, PRAGMA, transactions, `load_extension`) makes
/// `sqlite3_prepare_v2` fail with `SQLITE_AUTH`; the first refused action is kept for the reason.
final class Authorizer {
    private(set) var refused: String?

    func reset() {
        refused = nil
    }

    /// `SQLITE_OK` or `SQLITE_DENY` for one action SQLite asks about.
    func decide(_ action: Int32, _ first: String?, _ second: String?) -> Int32 {
        switch action {
        case SQLITE_SELECT, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_READ:
            return (first ?? "").lowercased().hasPrefix("pragma_") ? refuse("PRAGMA function") : SQLITE_OK
        case SQLITE_UPDATE where first == "sqlite_master" || first == "sqlite_temp_master":
            // Table-valued functions (json_each, dbstat) ask this once while declaring their table. No statement
            // that updates the schema gets here: StatementKind refuses UPDATE first, and the image is read-only.
            return SQLITE_IGNORE
        case SQLITE_FUNCTION:
            let name = (second ?? "").lowercased()
            if !Self.refusedFunctions.contains(name) { return SQLITE_OK }
            return refuse("\(name)()")
        default:
            return refuse(Self.name(of: action, first))
        }
    }

    private func refuse(_ what: String) -> Int32 {
        if refused == nil { refused = what }
        return SQLITE_DENY
    }

    /// `fts3_tokenizer` with two arguments can register a native pointer.
    private static let refusedFunctions: Set<String> = ["load_extension", "fts3_tokenizer"]

    private static func name(of action: Int32, _ first: String?) -> String {
        switch action {
        case SQLITE_INSERT: "INSERT"
        case SQLITE_UPDATE: "UPDATE"
        case SQLITE_DELETE: "DELETE"
        case SQLITE_CREATE_TABLE: "CREATE TABLE"
        case SQLITE_CREATE_TEMP_TABLE: "CREATE TEMP TABLE"
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TEMP_INDEX: "CREATE INDEX"
        case SQLITE_CREATE_VIEW, SQLITE_CREATE_TEMP_VIEW: "CREATE VIEW"
        case SQLITE_CREATE_TRIGGER, SQLITE_CREATE_TEMP_TRIGGER: "CREATE TRIGGER"
        case SQLITE_CREATE_VTABLE: "CREATE VIRTUAL TABLE"
        case SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_TABLE: "DROP TABLE"
        case SQLITE_DROP_INDEX, SQLITE_DROP_TEMP_INDEX: "DROP INDEX"
        case SQLITE_DROP_VIEW, SQLITE_DROP_TEMP_VIEW: "DROP VIEW"
        case SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TRIGGER: "DROP TRIGGER"
        case SQLITE_DROP_VTABLE: "DROP VIRTUAL TABLE"
        case SQLITE_ALTER_TABLE: "ALTER TABLE"
        case SQLITE_PRAGMA: "PRAGMA"
        case SQLITE_TRANSACTION: first ?? "BEGIN"
        case SQLITE_SAVEPOINT: "SAVEPOINT"
        case SQLITE_ATTACH: "ATTACH"
        case SQLITE_DETACH: "DETACH"
        case SQLITE_REINDEX: "REINDEX"
        case SQLITE_ANALYZE: "ANALYZE"
        default: "statement (authorizer action \(action))"
        }
    }
}
