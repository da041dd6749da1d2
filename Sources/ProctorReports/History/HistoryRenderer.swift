import Foundation
import ProctorCore

/// `proctor history` as text, Markdown or JSON: every value under its own run, lists bounded.
public struct HistoryRenderer: Sendable {
    public var runs: [HistoryRun]
    public var summary: HistorySummary
    /// Most samples listed as failing or flaky; the rest are counted.
    public var limit: Int

    /// `earlierRuns`: the history holds runs older than `runs` (a failing streak may have begun before them).
    public init(runs: [HistoryRun], limit: Int = 20, earlierRuns: Bool = false) {
        self.runs = runs
        summary = HistorySummary(runs, earlierRuns: earlierRuns)
        self.limit = limit
    }

    /// The rate of `trend` in each run, oldest first: nil where the run did not grade the group.
    func cells(_ trend: HistorySummary.Trend) -> [(passed: Int, total: Int)?] {
        let byRun = Dictionary(trend.points.map { ($0.runID, ($0.passed, $0.total)) }, uniquingKeysWith: { first, _ in first })
        return runs.map { byRun[$0.runID] }
    }

    /// The first-round rate of `trend` in each run, oldest first: nil where the run did not grade the group or
    /// none of its samples allowed repair.
    func firstRoundCells(_ trend: HistorySummary.Trend) -> [(passed: Int, total: Int)?] {
        let byRun = Dictionary(
            trend.points.compactMap { point in point.firstPassed.map { (point.runID, ($0, point.total)) } },
            uniquingKeysWith: { first, _ in first })
        return runs.map { byRun[$0.runID] }
    }

    /// The table's rows: each group's pass rate, and under it its first-round rate where some run has one.
    func rows() -> [(label: String, cells: [(passed: Int, total: Int)?])] {
        summary.trends.flatMap { trend in
            [(trend.group, cells(trend))] + (trend.hasFirstRound ? [(trend.group + Self.firstRound, firstRoundCells(trend))] : [])
        }
    }

    /// What marks a group's first-round row.
    static let firstRound = " first round"

    static func percent(_ cell: (passed: Int, total: Int)?) -> String {
        guard let cell, cell.total > 0 else { return "—" }
        return String(format: "%.1f%%", Double(cell.passed) / Double(cell.total) * 100)
    }

    /// Plain text: a table with one column per run (numbered, oldest first) and a legend of the runs.
    public func text() -> [String] {
        var lines = ["\(runs.count) run(s), oldest first:"]
        for (index, run) in runs.enumerated() { lines.append("  #\(index + 1)  \(run.runID)  \(run.startedAt)") }
        let header = "suite [model, variant]"
        let rows = rows()
        let width = max(header.count, rows.map { UntrustedText.line($0.label).count }.max() ?? 0)
        let column = max(7, String(runs.count).count + 1)
        func pad(_ text: String) -> String { String(repeating: " ", count: max(0, column - text.count)) + text }
        lines.append("")
        lines.append("  " + header.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            + runs.indices.map { pad("#\($0 + 1)") }.joined(separator: " "))
        for row in rows {
            lines.append("  " + UntrustedText.line(row.label).padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + row.cells.map { pad(Self.percent($0)) }.joined(separator: " "))
        }
        lines += list("failing in the latest run, since:", summary.failing.map {
            "\($0.identity): \($0.sinceText) (\($0.runs) run(s)): \($0.reason)"
        })
        lines += list("flaky (verdict changed twice or more):", summary.flaky.map { "\($0.identity): \($0.changes) changes" })
        return lines
    }

    private func list(_ title: String, _ items: [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        var lines = ["", title] + items.prefix(limit).map { "  " + UntrustedText.line($0) }
        if items.count > limit { lines.append("  … and \(items.count - limit) more") }
        return lines
    }

    /// GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY`: the same table and lists.
    public func markdown() -> String {
        var text = "### Pass rate over the last \(runs.count) run(s), oldest first\n\n"
        text += "| suite [model, variant] | " + runs.indices.map { "#\($0 + 1)" }.joined(separator: " | ") + " |\n"
        text += "| --- |" + String(repeating: " ---: |", count: runs.count) + "\n"
        for row in rows() {
            text += "| \(MarkdownText.escaped(row.label)) | " + row.cells.map(Self.percent).joined(separator: " | ") + " |\n"
        }
        text += "\n" + runs.enumerated().map { "#\($0.offset + 1): `\($0.element.runID)` \($0.element.startedAt)" }
            .joined(separator: " · ") + "\n"
        for (title, items) in [
            ("Failing in the latest run, since", summary.failing.map { "\($0.identity): \($0.sinceText) (\($0.runs) run(s)): \($0.reason)" }),
            ("Flaky (verdict changed twice or more)", summary.flaky.map { "\($0.identity): \($0.changes) changes" }),
        ] where !items.isEmpty {
            text += "\n**\(title)**\n\n" + items.prefix(limit).map { "- " + MarkdownText.code($0, inTable: false) + "\n" }.joined()
            if items.count > limit { text += "- … and \(items.count - limit) more\n" }
        }
        return text
    }

    /// JSON: the runs, each group (`group`, and its `suite`, `model` and `variant`, null when unknown) with its
    /// rates by run (null where the run did not grade it; `first_passed` null where none of its samples allowed
    /// repair), failing and flaky samples (at most `limit` each; `failing_count` and `flaky_count` count them all;
    /// `since_or_earlier` is true when a streak may have begun before the runs shown).
    public func json() throws -> Data {
        let object: [String: Any] = [
            "runs": runs.map { ["id": $0.runID, "started_at": $0.startedAt] },
            "trends": summary.trends.map { trend in
                [
                    "group": trend.group, "suite": trend.suite, "model": trend.model ?? NSNull(),
                    "variant": trend.variant ?? NSNull(),
                    "points": zip(cells(trend), firstRoundCells(trend)).map { cell, first -> Any in
                        guard let cell else { return NSNull() }
                        return ["passed": cell.passed, "total": cell.total, "first_passed": first?.passed ?? NSNull()] as [String: Any]
                    },
                ] as [String: Any]
            },
            "failing": summary.failing.prefix(limit).map {
                ["sample": $0.identity, "since": $0.since, "since_or_earlier": $0.sinceOrEarlier, "runs": $0.runs,
                 "reason": $0.reason] as [String: Any]
            },
            "failing_count": summary.failing.count,
            "flaky": summary.flaky.prefix(limit).map { ["sample": $0.identity, "changes": $0.changes] as [String: Any] },
            "flaky_count": summary.flaky.count,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
