import Foundation
import ProctorRun
import Testing
import ProctorCore

/// A run built in code: several suites, one answered by two models, a case with three samples, every outcome,
/// and text full of characters XML and JSON must handle.
enum Fixture {
    /// `junit-10.xsd` in the `shared` folder beside the checkout, when it is there.
    static let schemaURL: URL? = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ProctorReportsTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // checkout
            .deletingLastPathComponent()  // its parent
            .appendingPathComponent("shared/conformance/junit-10.xsd")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static let hasSchema = schemaURL != nil
    static let noSchema: Comment = "junit-10.xsd not found in ../shared/conformance beside the checkout"

    /// A response with NUL, BEL, terminal colour escapes, emoji, CJK, a CDATA terminator, markup, quotes, ampersands.
    static let nastyResponse =
        "Here:\u{0}\u{7}\u{1B}[31mred\u{1B}[0m 🙂👩‍💻 数据库 ]]> <script>alert(\"x\")</script> 'a' & b \u{FFFE}/ok\r\n"

    static let sqlSystemPrompt = "You write SQLite queries."
    /// `printf 'You write SQLite queries.' | sha256sum`
    static let sqlSystemPromptSHA256 = "a5fff0cf3967eb8d04733ac15b12fad5f8c67829b28189f2459f93409db57d04"

    static let startedAt = Date(timeIntervalSince1970: 1_709_285_400)  // 2024-03-01T09:30:00Z

    static let report = RunReport(
        runID: "run-42", startedAt: startedAt, duration: 12.3456,
        suites: [
            Suite(name: "sql-basics", file: URL(fileURLWithPath: "/suites/sql-basics.yaml"), system: sqlSystemPrompt, cases: []),
            Suite(name: "explain-plans", file: URL(fileURLWithPath: "/suites/explain-plans.yaml"), cases: []),
            Suite(name: "empty-suite", file: URL(fileURLWithPath: "/suites/empty-suite.yaml"), cases: []),
        ],
        results: [
            graded("sql-basics", "count-users", "1", model: "m1", .sql, .pass(extracted: "SELECT count(*) FROM users;"), 0.25),
            graded("sql-basics", "count-users", "2", model: "m1", .sql,
                   .fail("expected 3 rows, got 2", extracted: "SELECT * FROM users LIMIT 2;", log: "gold: 3 rows"), 0.5),
            graded("sql-basics", "count-users", "3", model: "m1", .sql, .error("no SQL code block found"), 0.000_000_1),
            graded("sql-basics", "top-orders", "1", model: "m1", .sql,
                   .pass(extracted: "SELECT 1; -- ]]> & <b>", log: "ran \u{1B}[1mfine\u{1B}[0m"), 1.5, response: nastyResponse),
            graded("sql-basics", "join", "1", model: "m1", .sql,
                   .fail("wrong rows & \"quotes\" <b>\u{1B}[0m", extracted: "SELECT a FROM t;"), 0.0125),
            graded("explain-plans", "why-index", "1", model: "model-a", .explain, .pass(), 0.002),
            graded("explain-plans", "why-index", "1", model: "model-b", .explain, .fail("does not mention \"index\""), 0.003),
            graded("explain-plans", "what-join", "1", model: "model-a", .explain, .error("timed out after 2 s"), 2.0),
        ])

    static func graded(
        _ suite: String, _ caseID: String, _ sampleID: String, model: String?, _ pattern: Pattern, _ verdict: Verdict,
        _ duration: Double, response: String = "```sql\nSELECT 1;\n```"
    ) -> GradedSample {
        GradedSample(
            sample: Sample(suite: suite, caseID: caseID, sampleID: sampleID, model: model, response: response),
            pattern: pattern, verdict: verdict, duration: duration)
    }
}
