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

    /// A run of a subset (its report's `selection`) is told apart from a full one when read back, in `proctor
    /// history`'s header and footnote, its Markdown and its JSON.
    @Test func aSubsetRunIsMarkedAsSuch() throws {
        let store = try HistoryStore(path: path)
        try store.append(report("full", ["a": .pass, "b": .pass]), gitCommit: nil, suiteHashes: [:])
        var subset = report("part", ["a": .fail])
        subset.properties["selection"] = "--case a: 1 of 2 cases (1 of 1 suites)"
        try store.append(subset, gitCommit: nil, suiteHashes: [:])
        let runs = try HistoryStore(path: path, readOnly: true).recent(runs: 10)
        #expect(runs.map(\.selection) == [nil, "--case a: 1 of 2 cases (1 of 1 suites)"])
        let renderer = HistoryRenderer(runs: runs)
        let text = renderer.text()
        #expect(text.contains("  #1  full  \(runs[0].startedAt)"))
        #expect(text.contains("  #2*  part  \(runs[1].startedAt)  (subset: --case a: 1 of 2 cases (1 of 1 suites))"))
        let header = try #require(text.first { $0.contains("suite [model, variant]") })
        #expect(header.hasSuffix("     #1     #2*"))
        #expect(text.contains { $0.hasPrefix("  * a run of a subset of the cases") })
        #expect(renderer.markdown().contains("| suite [model, variant] | #1 | #2\\* |"))
        let json = try #require(try JSONSerialization.jsonObject(with: renderer.json()) as? [String: Any])
        let stored = try #require(json["runs"] as? [[String: Any]])
        #expect(stored.map { $0["selection"] as? String } == [nil, "--case a: 1 of 2 cases (1 of 1 suites)"])
        // A history of full runs has no mark and no footnote.
        #expect(!HistoryRenderer(runs: [runs[0]]).text().joined().contains("*"))
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

    /// Schema 3 to 4: the old run keeps its verdicts and has no first rounds; a run with repair stores each
    /// repaired sample's first verdict, and a sample without repair stores none.
    @Test func aSchema3HistoryGainsFirstRoundVerdicts() throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let script = """
            CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, git_commit TEXT, duration_s REAL, properties TEXT);
            CREATE TABLE run_suites (run_id TEXT NOT NULL REFERENCES runs(run_id), suite TEXT NOT NULL, content_sha256 TEXT, PRIMARY KEY (run_id, suite));
            CREATE TABLE samples (run_id TEXT NOT NULL REFERENCES runs(run_id), suite TEXT NOT NULL, case_id TEXT NOT NULL, sample TEXT NOT NULL, model TEXT, pattern TEXT NOT NULL, verdict TEXT NOT NULL, reason TEXT NOT NULL, duration_ms REAL, variant TEXT, prompt_tokens INTEGER, completion_tokens INTEGER, cost_usd REAL, model_version TEXT);
            CREATE INDEX samples_by_case ON samples (suite, case_id, sample, model);
            INSERT INTO runs VALUES ('old', '2026-11-01T00:00:00Z', NULL, 1, '{}');
            INSERT INTO samples VALUES ('old', 's', 'a', '1', 'm', 'sql', 'fail', 'wrong', 1, NULL, NULL, NULL, NULL, NULL);
            PRAGMA user_version = 3;
            """
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, script]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        // Read-only, the old schema is read as it is.
        let unmigrated = try HistoryStore(path: path, readOnly: true).recent(runs: 10)
        #expect(unmigrated.map(\.runID) == ["old"])
        #expect(unmigrated.first?.firstOutcomes.isEmpty == true)

        var run = report("new", ["a": .pass, "b": .fail, "c": .pass])
        // a: failed, then passed after feedback; b: failed twice; c: allowed no repair.
        run.results[0].rounds = [
            GradedRound(round: 1, response: "r", verdict: Verdict(.fail, "wrong"), feedback: "try again"),
            GradedRound(round: 2, response: "r", verdict: Verdict(.pass, "pass")),
        ]
        run.results[1].rounds = [
            GradedRound(round: 1, response: "r", verdict: Verdict(.error, "no code")),
            GradedRound(round: 2, response: "r", verdict: Verdict(.fail, "wrong")),
        ]
        let store = try HistoryStore(path: path)
        try store.append(run, gitCommit: nil, suiteHashes: [:])
        let runs = try store.recent(runs: 10)
        #expect(runs.map(\.runID) == ["old", "new"])
        #expect(runs[0].firstOutcomes.isEmpty)
        let key = { (id: String) in SampleKey(suite: "s", caseID: id, sampleID: "1", model: "m") }
        #expect(runs[1].firstOutcomes == [key("a"): .fail, key("b"): .error])
        let points = try #require(HistorySummary(runs).trends.first?.points)
        #expect(points.map(\.passed) == [0, 2])
        #expect(points.map(\.firstPassed) == [nil, 1], "c, without repair, passes in its only round")
        let stored = Process()
        let pipe = Pipe()
        stored.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        stored.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute('PRAGMA user_version').fetchone()[0], c.execute(\"SELECT group_concat(case_id || ':' || ifnull(rounds, '-'), ' ') FROM (SELECT * FROM samples WHERE run_id = 'new' ORDER BY case_id)\").fetchone()[0])", path]
        stored.standardOutput = pipe
        try stored.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        stored.waitUntilExit()
        #expect(output == "4 a:2 b:2 c:-\n")
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
