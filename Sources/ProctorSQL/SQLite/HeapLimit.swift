import CSQLite

/// The process-wide SQLite heap ceiling: a safety net under the per-query limits.
///
/// Each connection already has a bounded page cache, spills sorts to temporary files, and caps string
/// length and collected bytes; this only catches what slips past them. Set once, and only lowered.
enum HeapLimit {
    static let bytes: Int64 = 1 << 30

    static let installed: Bool = {
        let current = sqlite3_hard_heap_limit64(-1)
        if current == 0 || current > bytes {
            sqlite3_hard_heap_limit64(bytes)
        }
        return true
    }()
}
