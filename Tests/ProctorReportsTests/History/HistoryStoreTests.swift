import Foundation
import ProctorRun
import ProctorCore
import ProctorReports
import Testing

@Suite struct HistoryStoreTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)/h.sqlite").path

    func report(_ id: String, _ verdicts: [String: Verdict.Outcome]) -> RunReport {
        let results = verdicts.sorted { $0.key < $1.key }.map { caseID, outcome in
            GradedSample(sample: Sample(suite: "s", caseID: caseID, sampleID: "1", model: "m", response: "r",
                                        usage: Usage(promptTokens: 3, completionTokens: 2, cost: 0.5)),
                         pattern: .sql, verdict: Verdict(outcome, outcome == .pass ? "pass" : "wrong \(id)"), duration: 0.01)
        }
        return RunReport(runID: id, startedAt: Date(), duration: 1, suites: [], results: results)
    }

    @Test func runsAppendAndTellTrendFailuresSinceWhenAndFlakes() throws {
        let store = try HistoryStore(path: path)
        try store.append(report("r1", ["a": .pass, "b": .pass, "c": .pass]), gitCommit: "abc", suiteHashes: ["s": "h"])
        try store.append(report("r2", ["a": .fail, "b": .fail, "c": .pass]), gitCommit: nil, suiteHashes: [:])
        try store.append(report("r3", ["a": .pass, "b": .fail, "c": .fail]), gitCommit: nil, suiteHashes: [:])
        try store.append(report("r4", ["a": .fail, "b": .fail, "c": .fail]), gitCommit: nil, suiteHashes: [:])
        let runs = try HistoryStore(path: path).recent(runs: 3)
        #expect(runs.map(\.runID) == ["r2", "r3", "r4"])
        let summary = HistorySummary(try store.recent(runs: 10))
        #expect(summary.trends.map(\.group) == ["s [m]"])
        #expect(summary.trends.first?.points.map(\.passed) == [3, 1, 1, 0])
        #expect(summary.failing.map(\.identity) == ["s/a #1 [m]", "s/b #1 [m]", "s/c #1 [m]"])
        #expect(summary.failing.map(\.since) == ["r4", "r2", "r3"])
        #expect(summary.failing.map(\.runs) == [1, 3, 2])
        #expect(summary.failing.first?.reason == "wrong r4")
        #expect(summary.flaky.map(\.identity) == ["s/a #1 [m]"])
        #expect(throws: BadInput.self) { try store.append(report("r4", ["a": .pass]), gitCommit: nil, suiteHashes: [:]) }
    }

    @Test func anOlderHistoryIsMigratedAndKeepsItsRuns() throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let script = """
            CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, git_commit TEXT, duration_s REAL);
            CREATE TABLE run_suites (run_id TEXT NOT NULL, suite TEXT NOT NULL, content_sha256 TEXT, PRIMARY KEY (run_id, suite));
            CREATE TABLE samples (run_id TEXT NOT NULL, suite TEXT NOT NULL, case_id TEXT NOT NULL, sample TEXT NOT NULL, model TEXT, pattern TEXT NOT NULL, verdict TEXT NOT NULL, reason TEXT NOT NULL, duration_ms REAL);
            INSERT INTO runs VALUES ('old', '2026-01-01T00:00:00Z', NULL, 1);
            INSERT INTO samples VALUES ('old', 's', 'a', '1', 'm', 'sql', 'pass', 'pass', 1);
            PRAGMA user_version = 1;
            """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, script]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        let store = try HistoryStore(path: path)
        try store.append(report("new", ["a": .fail]), gitCommit: nil, suiteHashes: [:])
        let runs = try store.recent(runs: 10)
        #expect(runs.map(\.runID) == ["old", "new"])
        #expect(HistorySummary(runs).failing.map(\.since) == ["new"])
    }

    @Test func aNewerHistoryIsRefusedNotRewritten() throws {
        _ = try HistoryStore(path: path)
        let bump = Process()
        bump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        bump.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()", path]
        try bump.run()
        bump.waitUntilExit()
        do {
            _ = try HistoryStore(path: path)
            Issue.record("a newer schema was accepted")
        } catch let error as BadInput {
            #expect(error.diagnostics.first?.message.hasPrefix("the history was written by a newer Proctor (schema 99") == true)
        }
    }
}
