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

    /// `#3`, or `#3*` for a run of a subset of its suites' cases (see ``subsetNote``).
    func number(_ index: Int) -> String { "#\(index + 1)" + (runs[index].selection == nil ? "" : "*") }

    /// The footnote of the runs marked `*`, or nil when every run graded all of its suites.
    var subsetNote: String? {
        runs.contains { $0.selection != nil }
            ? "* a run of a subset of the cases (its selection is named): its rates cover only the cases it graded" : nil
    }

    /// Plain text: a table with one column per run (numbered, oldest first) and a legend of the runs.
    public func text() -> [String] {
        var lines = ["\(runs.count) run(s), oldest first:"]
        for (index, run) in runs.enumerated() {
            lines.append("  \(number(index))  \(run.runID)  \(run.startedAt)"
                + (run.selection.map { "  (subset: \(UntrustedText.line($0)))" } ?? ""))
        }
        let header = "suite [model, variant]"
        let rows = rows()
        let width = max(header.count, rows.map { UntrustedText.line($0.label).count }.max() ?? 0)
        let column = max(7, String(runs.count).count + 2)
        func pad(_ text: String) -> String { String(repeating: " ", count: max(0, column - text.count)) + text }
        lines.append("")
        lines.append("  " + header.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            + runs.indices.map { pad(number($0)) }.joined(separator: " "))
        for row in rows {
            lines.append("  " + UntrustedText.line(row.label).padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + row.cells.map { pad(Self.percent($0)) }.joined(separator: " "))
        }
        if let subsetNote { lines.append("  " + subsetNote) }
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
        func number(_ index: Int) -> String { self.number(index).replacingOccurrences(of: "*", with: "\\*") }
        text += "| suite [model, variant] | " + runs.indices.map(number).joined(separator: " | ") + " |\n"
        text += "| --- |" + String(repeating: " ---: |", count: runs.count) + "\n"
        for row in rows() {
            text += "| \(MarkdownText.escaped(row.label)) | " + row.cells.map(Self.percent).joined(separator: " | ") + " |\n"
        }
        text += "\n" + runs.enumerated().map { index, run in
            "\(number(index)): `\(run.runID)` \(run.startedAt)"
                + (run.selection.map { " (subset: " + MarkdownText.code($0, inTable: false) + ")" } ?? "")
        }.joined(separator: " · ") + "\n"
        if let subsetNote { text += "\n\(MarkdownText.escaped(subsetNote))\n" }
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
            "runs": runs.map {
                ["id": $0.runID, "started_at": $0.startedAt, "selection": $0.selection ?? NSNull()] as [String: Any]
            },
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
