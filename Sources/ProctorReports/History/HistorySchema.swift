import ProctorCore

/// Recognises Proctor's history in an SQLite file before anything is written to it: a file without tables is new,
/// a file whose `user_version` and tables are those of a Proctor schema is a history, anything else is refused.
enum HistorySchema {
    /// The schema version of the history in `file` (0 for a new, empty file). Throws `BadInput` for another
    /// program's database, a file that is not SQLite, a newer schema, or a damaged file (`PRAGMA quick_check`),
    /// having written nothing.
    static func version(of file: SQLiteFile) throws -> Int {
        let location = SourceLocation(file: file.path)
        let hint = "give --history another file (a new one is started where none exists), or move this one away"
        let (version, tables): (Int, [String: Set<String>])
        do {
            (version, tables) = try file.snapshot {
                let version = try file.execute("PRAGMA user_version").first?.first.flatMap { $0.flatMap(Int.init) } ?? 0
                return (version, try columns(in: file))
            }
        } catch let error as BadInput {
            throw BadInput(.error(
                "not a Proctor history: \(error.diagnostics.first?.message ?? "unreadable")", at: location, hint: hint))
        }
        if version == 0 && tables.isEmpty { return 0 }
        let known = try expectedTables()
        let latest = Set(known[HistoryStore.schemaVersion].map { Array($0.keys) } ?? [])
        if version > HistoryStore.schemaVersion && Set(tables.keys).isSuperset(of: latest) {
            throw BadInput(.error(
                "the history was written by a newer Proctor (schema \(version), this one knows \(HistoryStore.schemaVersion))",
                at: location, hint: "use that Proctor, or another --history file"))
        }
        guard let expected = known[version], expected == tables else {
            let names = tables.keys.sorted().joined(separator: ", ")
            throw BadInput(.error(
                "not a Proctor history: it holds other tables (\(names.isEmpty ? "none" : names), user_version \(version)); nothing was changed",
                at: location, hint: hint))
        }
        let check: [[String?]]
        do {
            check = try file.execute("PRAGMA quick_check")
        } catch let error as BadInput {
            check = [[error.diagnostics.first?.message]]
        }
        guard check.first?.first == "ok" else {
            // quick_check's first row may hold several lines, starting with `*** in database main ***`.
            let problem = check.compactMap { $0.first ?? nil }.flatMap { $0.split(separator: "\n") }
                .first { !$0.hasPrefix("***") }.map(String.init) ?? "PRAGMA quick_check found problems"
            throw BadInput(.error(
                "the history is damaged (\(problem)); nothing was changed",
                at: location, hint: "restore it from a backup, or " + hint))
        }
        return version
    }

    /// Every table of `file` (but SQLite's own) with its column names.
    private static func columns(in file: SQLiteFile) throws -> [String: Set<String>] {
        var tables: [String: Set<String>] = [:]
        for row in try file.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")
        {
            guard let name = row.first ?? nil else { continue }
            tables[name] = Set(try file.execute("SELECT name FROM pragma_table_info(?)", [.text(name)]).compactMap { $0.first ?? nil })
        }
        return tables
    }

    /// The tables and columns of each schema version from 1 on, built by running the migrations in memory.
    private static func expectedTables() throws -> [Int: [String: Set<String>]] {
        let memory = try SQLiteFile(path: ":memory:")
        var expected: [Int: [String: Set<String>]] = [:]
        for version in 0..<HistoryStore.schemaVersion {
            for statement in HistoryStore.migrations[version] ?? [] { try memory.execute(statement) }
            expected[version + 1] = try columns(in: memory)
        }
        return expected
    }
}
