import Foundation
import ProctorCore

/// The run history: every run appended to one SQLite file, which several runs may write at once (WAL,
/// one transaction per run) and which is migrated, never dropped, when an older Proctor wrote it.
public final class HistoryStore {
    /// The schema this version writes; `PRAGMA user_version` holds a file's.
    public static let schemaVersion = 4
    private let file: SQLiteFile
    /// The schema of the file as opened: ``schemaVersion`` once migrated; a read-only store keeps the file's.
    private let version: Int

    /// Opens the history at `path`: read-write, creating it or migrating it to ``schemaVersion``; or read-only,
    /// changing nothing. A file that is not Proctor's history, or is damaged, is `BadInput` and left as it is.
    public init(path: String, readOnly: Bool = false) throws {
        if !readOnly {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        file = try SQLiteFile(path: path, readOnly: readOnly)
        let found = try HistorySchema.version(of: file)
        if readOnly {
            version = found
        } else {
            version = Self.schemaVersion
            try file.useWAL()
            try migrate()
        }
    }

    /// Steps from each schema version to the next; applied in one transaction, in order.
    static let migrations: [Int: [String]] = [
        0: [
            "CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, git_commit TEXT, duration_s REAL)",
            "CREATE TABLE run_suites (run_id TEXT NOT NULL REFERENCES runs(run_id), suite TEXT NOT NULL, content_sha256 TEXT, PRIMARY KEY (run_id, suite))",
            "CREATE TABLE samples (run_id TEXT NOT NULL REFERENCES runs(run_id), suite TEXT NOT NULL, case_id TEXT NOT NULL, sample TEXT NOT NULL, model TEXT, pattern TEXT NOT NULL, verdict TEXT NOT NULL, reason TEXT NOT NULL, duration_ms REAL)",
            "CREATE INDEX samples_by_case ON samples (suite, case_id, sample, model)",
        ],
        1: [
            "ALTER TABLE samples ADD COLUMN variant TEXT",
            "ALTER TABLE samples ADD COLUMN prompt_tokens INTEGER",
            "ALTER TABLE samples ADD COLUMN completion_tokens INTEGER",
            "ALTER TABLE samples ADD COLUMN cost_usd REAL",
            "ALTER TABLE runs ADD COLUMN properties TEXT",
        ],
        2: ["ALTER TABLE samples ADD COLUMN model_version TEXT"],
        // The first round's verdict and the rounds taken of a sample whose case allowed repair; NULL otherwise.
        3: ["ALTER TABLE samples ADD COLUMN first_verdict TEXT", "ALTER TABLE samples ADD COLUMN rounds INTEGER"],
    ]

    private func migrate() throws {
        try file.transaction {
            let stored = try file.execute("PRAGMA user_version").first?.first ?? nil
            var version = stored.flatMap { Int($0) } ?? 0
            guard version <= Self.schemaVersion else {
                throw BadInput(.error(
                    "the history was written by a newer Proctor (schema \(version), this one knows \(Self.schemaVersion))",
                    at: SourceLocation(file: file.path), hint: "use that Proctor, or another --history file"))
            }
            while version < Self.schemaVersion {
                for statement in Self.migrations[version] ?? [] { try file.execute(statement) }
                version += 1
                try file.execute("PRAGMA user_version = \(version)")
            }
        }
    }

    /// Appends `report` as one run: its suites' content hashes and every graded sample (with its first round's
    /// verdict and its rounds when its case allowed repair).
    public func append(_ report: RunReport, gitCommit: String?, suiteHashes: [String: String]) throws {
        let formatter = ISO8601DateFormatter()
        let properties = String(
            decoding: try JSONSerialization.data(withJSONObject: report.properties, options: [.sortedKeys]), as: UTF8.self)
        try file.transaction {
            try file.execute(
                "INSERT INTO runs (run_id, started_at, git_commit, duration_s, properties) VALUES (?, ?, ?, ?, ?)",
                [.text(report.runID), .text(formatter.string(from: report.startedAt)), gitCommit.map { .text($0) },
                 .real(report.duration), .text(properties)])
            for (suite, hash) in suiteHashes.sorted(by: { $0.key < $1.key }) {
                try file.execute(
                    "INSERT INTO run_suites (run_id, suite, content_sha256) VALUES (?, ?, ?)",
                    [.text(report.runID), .text(suite), .text(hash)])
            }
            for result in report.results {
                let sample = result.sample
                try file.execute(
                    """
                    INSERT INTO samples (run_id, suite, case_id, sample, model, model_version, variant, pattern, verdict,
                    reason, duration_ms, prompt_tokens, completion_tokens, cost_usd, first_verdict, rounds)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [.text(report.runID), .text(sample.suite), .text(sample.caseID), .text(sample.sampleID),
                     sample.model.map { .text($0) }, sample.modelVersion.map { .text($0) }, sample.variant.map { .text($0) },
                     .text(result.pattern.rawValue),
                     .text(result.verdict.outcome.rawValue), .text(result.verdict.reason), .real(result.duration * 1000),
                     sample.usage.map { .integer($0.promptTokens) }, sample.usage.map { .integer($0.completionTokens) },
                     sample.usage?.cost.map { .real($0) },
                     result.rounds.isEmpty ? nil : .text(result.firstVerdict.outcome.rawValue),
                     result.rounds.isEmpty ? nil : .integer(result.rounds.count)])
            }
        }
    }

    /// The last `runs` runs in the order they were appended, with every sample they graded and the first-round
    /// verdicts of those whose case allowed repair (none from a history older than schema 4).
    public func recent(runs: Int) throws -> [HistoryRun] {
        guard version > 0 else { return [] }
        let variant = version >= 2 ? "variant" : "NULL"
        let firstVerdict = version >= 4 ? "first_verdict" : "NULL"
        let properties = version >= 2 ? "properties" : "NULL"
        let rows = try file.execute(
            """
            SELECT run_id, started_at, properties FROM (SELECT rowid AS seq, run_id, started_at, \(properties) AS properties
            FROM runs ORDER BY rowid DESC LIMIT ?) ORDER BY seq
            """,
            [.integer(runs)])
        return try rows.map { row in
            guard let runID = row[0] else {
                throw BadInput(.error(
                    "the history is damaged (a run without an id)", at: SourceLocation(file: file.path),
                    hint: "restore it from a backup, or give --history another file"))
            }
            let samples = try file.execute(
                """
                SELECT suite, case_id, sample, model, \(variant), verdict, reason, pattern, duration_ms, \(firstVerdict)
                FROM samples WHERE run_id = ?
                """,
                [.text(runID)])
            var firstOutcomes: [SampleKey: Verdict.Outcome] = [:]
            for sample in samples {
                guard let first = sample[9] else { continue }
                let key = SampleKey(suite: sample[0] ?? "", caseID: sample[1] ?? "", sampleID: sample[2] ?? "",
                                    model: sample[3], variant: sample[4])
                firstOutcomes[key] = Verdict.Outcome(rawValue: first) ?? .error
            }
            return HistoryRun(runID: runID, startedAt: row[1] ?? "", samples: samples.map {
                GradedSample(
                    sample: Sample(
                        suite: $0[0] ?? "", caseID: $0[1] ?? "", sampleID: $0[2] ?? "", model: $0[3], response: "",
                        variant: $0[4]),
                    pattern: Pattern($0[7] ?? ""),
                    verdict: Verdict(Verdict.Outcome(rawValue: $0[5] ?? "") ?? .error, $0[6] ?? ""),
                    duration: ($0[8].flatMap(Double.init) ?? 0) / 1000)
            }, firstOutcomes: firstOutcomes, selection: Self.selection(inProperties: row[2]))
        }
    }
}

extension HistoryStore {
    /// The `selection` of a run's stored properties (the JSON of its report's): what part of its suites a
    /// subset run graded; nil for a full run, or a run whose properties are missing or unreadable.
    static func selection(inProperties json: String?) -> String? {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return nil
        }
        return object["selection"] as? String
    }
}

/// One run as the history holds it: its samples without their responses, code or logs.
public struct HistoryRun: Sendable, Hashable {
    public var runID: String
    public var startedAt: String
    public var samples: [GradedSample]
    /// The first round's outcome of each sample whose case allowed repair (the history keeps no other round;
    /// `samples` hold the final verdicts).
    public var firstOutcomes: [SampleKey: Verdict.Outcome] = [:]
    /// What part of its suites the run graded when it ran a subset (`--case`, `--tag`, … or a merge of such
    /// shards), from its report's `selection` property; nil for a full run.
    public var selection: String? = nil
}

extension SampleKey {
    /// Suite, model and variant: one line of a trend.
    public var trendGroup: String { suite + (tags.map { " [\($0)]" } ?? "") }
}
