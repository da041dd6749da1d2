import CSQLite
import Foundation
import Testing

@testable import ProctorSQL

/// The bounded built-ins give exactly what SQLite's own give for ordinary calls, and refuse the long ones at once.
@Suite struct BoundedFunctionsTests {
    /// What a plain SQLite connection (the built-ins) and a grading connection (the bounded versions) return.
    static func both(_ expression: String) throws -> (builtin: String, bounded: String) {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK,
            let db = handle
        else { throw HarnessError(description: "cannot open SQLite") }
        defer { sqlite3_close_v2(db) }
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, ExecutionLimits(timeout: .seconds(2), maxRows: 10).maxValueLength)
        var statement: OpaquePointer?
        let sql = "SELECT typeof(v) || ':' || quote(v) FROM (SELECT \(expression) AS v)"
        var builtin: String
        if sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, sqlite3_step(statement) == SQLITE_ROW {
            builtin = String(cString: sqlite3_column_text(statement, 0))
        } else {
            builtin = "SQLite error: " + String(cString: sqlite3_errmsg(db))
        }
        sqlite3_finalize(statement)

        let connection = try Connection(cloning: try fixture(), limits: ExecutionLimits(timeout: .seconds(2), maxRows: 10))
        let bounded: String
        switch connection.run(sql) {
        case .success(let result):
            if case .text(let text) = result.rows.first?.first { bounded = text } else { bounded = "\(result.rows)" }
        case .failure(let failure):
            bounded = failure.reason
        }
        return (builtin, bounded)
    }

    static func fixture() throws -> Fixture {
        try Fixture.load(Fixtures.url("school.sql")).get()
    }

    static let ordinaryPrintf: [String] = [
        "printf('%d', 42)", "printf('%5d|', 42)", "printf('%-5d|', 42)", "printf('%05d', -42)", "printf('%+d', 42)",
        "printf('% d', 42)", "printf('%,d', 1234567)", "printf('%x', 255)", "printf('%X', 255)", "printf('%#x', 255)",
        "printf('%o', 8)", "printf('%#o', 8)", "printf('%u', -1)", "printf('%lld', 9223372036854775807)",
        "printf('%i', -9223372036854775808)", "printf('%.3d', 7)", "printf('%ld %lld', 1, 2)",
        "printf('%f', 3.14159)", "printf('%.2f', 2.675)", "printf('%10.3f|', 3.14159)", "printf('%-10.3f|', 3.14159)",
        "printf('%.0f', 2.5)", "printf('%e', 12345.678)", "printf('%E', 0.000123)", "printf('%g', 0.0001)",
        "printf('%G', 1e20)", "printf('%#g', 1.5)", "printf('%!.20e', 0.1)", "printf('%.1000f', 1)",
        "printf('%,.2f', 1234567.891)", "printf('%f', 1e308 * 10)", "printf('%f', -1e308 * 10)",
        "printf('%s', 'abc')", "printf('%.2s', 'abc')", "printf('%10s|', 'abc')", "printf('%-10s|', 'abc')",
        "printf('%!.3s', 'héllo')", "printf('%!8s|', 'héllo')", "printf('%z', 'abc')", "printf('%s', 42)",
        "printf('%s', NULL)", "printf('%q', 'it''s')", "printf('%Q', 'it''s')", "printf('%Q', NULL)",
        "printf('%w', 'a\"b')", "printf('%c', 'xyz')", "printf('%5c|', 'x')", "printf('%.3c', 'é')",
        "printf('%.*c', 10, 'ab')", "printf('%-*c|', -5, 'x')", "printf('%.*c', -3, 'x')", "printf('%c', NULL)",
        "printf('%%')", "printf('100%% %d', 5)", "printf('%r %r %r %r %r', 1, 2, 3, 11, 22)",
        "printf('%*d|', 5, 42)", "printf('%-*d|', 5, 42)", "printf('%*d|', -5, 42)", "printf('%.*f', 2, 3.14159)",
        "printf('%*.*f|', 8, 2, 3.14159)", "printf('%0*d', 6, 42)", "printf('%n%d', 7)", "printf('%d %d', 1)",
        "printf('%y %d', 1)", "printf('abc%')", "printf('%l')", "printf('%d', '12abc')", "printf('%f', 'abc')",
        "printf('%d', 1.9)", "printf('%s and %s', 'a')", "printf(NULL, 1)", "printf()", "printf(42)",
        "printf('%T', 1)", "printf('%5%|')", "printf('%.50c', x'41')", "printf('%d', x'3132')",
        "format('%s=%d', 'x', 3)", "format('%.2f', 1.005)", "format('%10.4e', 123.456)",
    ]

    @Test(arguments: ordinaryPrintf)
    func ordinaryPrintfIsTheBuiltin(_ expression: String) throws {
        let (builtin, bounded) = try Self.both(expression)
        #expect(bounded == builtin)
    }

    static let ordinaryOthers: [String] = [
        "'abc' LIKE 'A%'", "'abc' LIKE 'b%'", "'a_c' LIKE 'a\\_c' ESCAPE '\\'", "'abc' LIKE 'a%' ESCAPE 'xy'",
        "NULL LIKE 'a'", "'Ä' LIKE 'ä'", "'abc' NOT LIKE '%b%'", "like('%b%', 'abc')", "like('a%', 'abc', 'x')",
        "'abc' GLOB '[a-c]*'", "'abc' GLOB 'A*'", "'a1' GLOB '*[^a-z]'", "glob('?b?', 'abc')",
        "instr('héllo', 'l')", "instr('hello', '')", "instr('hello', 'z')", "instr(x'0102', x'02')",
        "instr(12345, 34)", "instr('a', NULL)", "instr(x'61c3a962', 'b')",
        "replace('aaa', 'a', 'bb')", "replace('abcabc', 'bc', '')", "replace(5, '', 'x')", "replace(NULL, 'a', 'b')",
        "replace('abc', NULL, 'b')", "replace('abc', 'b', NULL)", "replace(12312, 2, 9)",
        "trim('xxhixx', 'x')", "ltrim('xxhixx', 'x')", "rtrim('xxhixx', 'x')", "trim('  hi  ')", "trim('héh', 'h')",
        "trim('abc', '')", "trim('abc', NULL)", "ltrim(12300, 1)", "rtrim(12300, 0)",
    ]

    @Test(arguments: ordinaryOthers)
    func ordinaryCallIsTheBuiltin(_ expression: String) throws {
        let (builtin, bounded) = try Self.both(expression)
        #expect(bounded == builtin)
    }

    static let long: [(expression: String, reason: String)] = [
        ("printf('%.*c', 2147483647, 'x')",
         "SQLite error: printf() width or precision too large: 2147483647 bytes, more than the 16777216-byte limit"),
        ("format('%2147483647d', 1)",
         "SQLite error: format() width or precision too large: 2147483647 bytes, more than the 16777216-byte limit"),
        ("printf(replace(printf('%.*c', 100, 'x'), 'x', '%.16000000g'), 1)",
         "SQLite error: printf() width or precision too large: 1600000000 bytes, more than the 16777216-byte limit"),
        ("instr(printf('%.*c', 16000000, 'a'), printf('%.*c', 8000000, 'a') || 'b')",
         "SQLite error: instr() arguments too long: 16000000 × 8000001 bytes to compare, more than 134217728"),
        ("replace(printf('%.*c', 16000000, 'a'), printf('%.*c', 8000000, 'a') || 'b', 'x')",
         "SQLite error: replace() arguments too long: 16000000 × 8000001 bytes to compare, more than 134217728"),
        ("printf('%.*c', 8000000, 'a') LIKE '%' || printf('%.*c', 1000, 'a') || 'b'",
         "SQLite error: like() arguments too long: 1002 × 8000000 bytes to compare, more than 134217728"),
        ("printf('%.*c', 8000000, 'a') GLOB '*' || printf('%.*c', 1000, 'a') || 'b'",
         "SQLite error: glob() arguments too long: 1002 × 8000000 bytes to compare, more than 134217728"),
        ("ltrim(printf('%.*c', 8000000, 'a'), printf('%.*c', 10000, 'b') || 'a')",
         "SQLite error: ltrim() arguments too long: 8000000 × 10001 bytes to compare, more than 134217728"),
    ]

    @Test(arguments: long)
    func longCallIsRefusedAtOnce(_ expression: String, _ reason: String) throws {
        let clock = ContinuousClock()
        let connection = try Connection(cloning: try Self.fixture(), limits: ExecutionLimits(timeout: .seconds(2), maxRows: 10))
        var outcome: Result<ResultSet, ExecutionFailure>?
        let elapsed = clock.measure { outcome = connection.run("SELECT \(expression)") }
        guard case .failure(let failure) = outcome else {
            Issue.record("ran: \(String(describing: outcome))")
            return
        }
        #expect(failure.reason == reason)
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }

    @Test func printfWorkCountsWidthsAndOutputPrecisions() {
        func work(_ format: String, _ arguments: [Int64] = []) -> Int64 {
            PrintfWork(format: Array(format.utf8)) { $0 < arguments.count ? arguments[$0] : 0 }.bytes
        }
        #expect(work("%d") == 0)
        #expect(work("%5.3d") == 5)
        #expect(work("%.*c", [2_147_483_647]) == 2_147_483_647)
        #expect(work("%.*c", [-7]) == 7)
        #expect(work("%*d", [-7]) == 7)
        #expect(work("%.*c", [4_294_967_297]) == 1)
        #expect(work("%.1000000000s") == 0)
        #expect(work("%20s") == 20)
        #expect(work("%.5g%.5g") == 10)
        #expect(work("%y%.100d") == 0)
        #expect(work("%ld%5lld") == 5)
        #expect(work("%*.*f", [3, 9]) == 9)
        #expect(work("%n%.*c", [4]) == 4)
        #expect(work("%9999999999d") == Int64(UInt32(truncatingIfNeeded: 9_999_999_999) & 0x7fff_ffff))
    }
}
