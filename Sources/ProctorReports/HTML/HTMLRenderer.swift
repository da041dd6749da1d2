import Foundation
import ProctorCore

/// A self-contained HTML page of a run (no scripts, fonts or requests from elsewhere): totals, a matrix of
/// suites by model and variant, each model and variant compared with the first, a pass-rate-over-time chart
/// from the history, and every sample's details.
public struct HTMLRenderer: Sendable {
    /// Earlier runs, oldest first, for the chart; empty draws none.
    public var history: [HistoryRun]

    public init(history: [HistoryRun] = []) {
        self.history = history
    }

    public func render(_ report: RunReport) -> Data {
        let tally = report.tally
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Proctor \(Self.escape(report.runID))</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;max-width:1200px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
            .muted{color:#57606a}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 10px;text-align:left}
            th{background:#f6f8fa}.rate{text-align:right;font-variant-numeric:tabular-nums}
            .pass{color:#116329}.fail{color:#a40e26}.error{color:#9a6700}
            details{border-bottom:1px solid #eaeef2;padding:3px 0}summary{cursor:pointer}
            pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:320px;white-space:pre-wrap}
            .badge{display:inline-block;min-width:44px;font-weight:600}
            </style></head><body>
            <h1>Proctor: \(tally.passed) of \(tally.total) passed (\(Self.percent(tally.passRate)))</h1>
            <p class="muted">Run \(Self.escape(report.runID)) · \(Self.escape(ISO8601DateFormatter().string(from: report.startedAt))) · \
            \(tally.failed) failed · \(tally.errors) errors\(report.properties["sandbox"].map { " · " + Self.escape($0) } ?? "")</p>

            """
        let edits = EditTally.byGroup(report.results)
        if !edits.isEmpty {
            html += "<p>Well-formed edits (answers that applied to the given code): "
                + edits.map { Self.escape("\($0.group ?? "") \($0.text)") }.joined(separator: "; ") + "</p>\n"
        }
        let repairs = RepairTally.byGroup(report.results)
        if !repairs.isEmpty {
            html += "<p>Repair loop (samples whose case allows feedback rounds): "
                + repairs.map { Self.escape("\($0.group ?? "") \($0.text)") }.joined(separator: "; ") + "</p>\n"
        }
        html += matrix(report)
        html += comparisons(report)
        html += chart()
        html += "<h2>Samples</h2>\n"
        for result in report.results {
            let sample = result.sample
            let name = sample.key.label()
            let outcome = result.verdict.outcome.rawValue
            html += "<details\(result.verdict.outcome == .pass ? "" : " open")><summary><span class=\"badge \(outcome)\">"
                + "\(outcome.uppercased())</span> \(Self.escape(name)) — \(Self.escape(result.verdict.reason))</summary>\n"
            html += "<p class=\"muted\">pattern \(result.pattern.rawValue)</p>\n"
            html += rounds(result)
            html += "<div>Response\(result.rounds.count > 1 ? " (round \(result.rounds.count))" : "")</div>"
                + "<pre>\(Self.escape(sample.response))</pre>\n"
            if let extracted = result.verdict.extracted { html += "<div>Extracted code</div><pre>\(Self.escape(extracted))</pre>\n" }
            let details = result.verdict.details
            for (title, text) in [("Failing statement", details.statement), ("Exception", details.exception),
                                  ("Expected", details.expected), ("Got", details.got),
                                  ("Traceback (last lines)", details.tracebackTail)] {
                if let text { html += "<div>\(title)</div><pre>\(Self.escape(text))</pre>\n" }
            }
            if !result.verdict.log.isEmpty { html += "<div>What the executor saw</div><pre>\(Self.escape(result.verdict.log))</pre>\n" }
            html += "</details>\n"
        }
        html += "</body></html>\n"
        return Data(html.utf8)
    }

    /// Suites down, model and variant across, each cell a coloured pass rate.
    private func matrix(_ report: RunReport) -> String {
        var columns: [String] = []
        var suites: [String] = []
        var cells: [String: [String: Tally]] = [:]
        var outcomes: [String: [String: [Verdict.Outcome]]] = [:]
        for result in report.results {
            let tags = [result.sample.model ?? "unspecified"] + (result.sample.variant.map { [$0] } ?? [])
            let column = tags.joined(separator: ", ")
            if !columns.contains(column) { columns.append(column) }
            if !suites.contains(result.sample.suite) { suites.append(result.sample.suite) }
            outcomes[result.sample.suite, default: [:]][column, default: []].append(result.verdict.outcome)
        }
        for (suite, byColumn) in outcomes { for (column, list) in byColumn { cells[suite, default: [:]][column] = Tally(list) } }
        var html = "<h2>Pass rate by suite, model and variant</h2>\n<table><tr><th>suite</th>"
            + columns.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr>\n"
        for suite in suites {
            html += "<tr><td>\(Self.escape(suite))</td>"
            for column in columns {
                guard let tally = cells[suite]?[column] else {
                    html += "<td></td>"
                    continue
                }
                let hue = Int(tally.passRate * 120)
                html += "<td class=\"rate\" style=\"background:hsl(\(hue),70%,85%)\">\(Self.percent(tally.passRate))"
                    + " <span class=\"muted\">\(tally.passed)/\(tally.total)</span></td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// When the run has several models or variants: each against the first, its verdicts and flipped cases.
    private func comparisons(_ report: RunReport) -> String {
        var order: [String] = []
        var groups: [String: [GradedSample]] = [:]
        for result in report.results {
            let group = result.sample.key.modelGroup
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(result)
        }
        guard order.count > 1, let first = order.first else { return "" }
        let baseline = Comparison.Side(label: first, rows: groups[first] ?? [])
        var html = "<h2>Compared with \(Self.escape(first))</h2>\n"
        for label in order.dropFirst() {
            let comparison = Comparison(baseline, Comparison.Side(label: label, rows: groups[label] ?? []))
            html += "<h3>\(Self.escape(label))</h3>\n<ul>"
            for figures in [comparison.overall] + comparison.bySuite + comparison.byPattern where figures.paired > 0 {
                html += "<li>\(Self.escape(figures.verdict(a: first, b: label)))</li>"
            }
            html += "</ul>\n"
            if !comparison.flips.isEmpty {
                html += "<table><tr><th>flipped</th><th>\(Self.escape(first))</th><th>\(Self.escape(label))</th></tr>\n"
                for flip in comparison.flips {
                    let label = SampleKey(suite: flip.suite, caseID: flip.caseID, sampleID: flip.sample).label()
                    html += "<tr><td>\(Self.escape(label))</td>" + [flip.a, flip.b].map { side in
                        let outcome = side.verdict.outcome.rawValue
                        return "<td class=\"\(outcome)\">\(Self.escape(outcome + ": " + side.verdict.reason))</td>"
                    }.joined() + "</tr>\n"
                }
                html += "</table>\n"
            }
        }
        return html
    }

    /// An inline SVG line per suite, model and variant: pass rate per run of the history; beside it, dashed in the
    /// same colour, the first-round rate of the runs where some of its samples allowed repair.
    private func chart() -> String {
        let summary = HistorySummary(history)
        guard history.count >= 2, !summary.trends.isEmpty else { return "" }
        let width = 760.0
        let height = 220.0
        let left = 44.0
        let step = (width - left - 16) / Double(max(1, history.count - 1))
        let index = Dictionary(history.enumerated().map { ($1.runID, $0) }, uniquingKeysWith: { first, _ in first })
        let colours = ["#0969da", "#8250df", "#bf3989", "#1a7f37", "#bc4c00", "#57606a"]
        var svg = "<h2>Pass rate over the last \(history.count) runs</h2>\n"
            + "<svg width=\"\(Int(width))\" height=\"\(Int(height + 30))\" viewBox=\"0 0 \(Int(width)) \(Int(height + 30))\" role=\"img\">\n"
        for tick in [0, 25, 50, 75, 100] {
            let y = 10 + height * (1 - Double(tick) / 100)
            svg += "<line x1=\"\(left)\" x2=\"\(width - 8)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#eaeef2\"/>"
                + "<text x=\"4\" y=\"\(y + 4)\" font-size=\"11\" fill=\"#57606a\">\(tick)%</text>\n"
        }
        var legendX = left + 8
        for (number, trend) in summary.trends.enumerated() {
            func line(_ passed: (HistorySummary.Trend.Point) -> Int?) -> String {
                trend.points.compactMap { point -> String? in
                    guard let position = index[point.runID], point.total > 0, let passed = passed(point) else { return nil }
                    let x = left + step * Double(position)
                    let y = 10 + height * (1 - Double(passed) / Double(point.total))
                    return String(format: "%.1f,%.1f", x, y)
                }.joined(separator: " ")
            }
            let colour = colours[number % colours.count]
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(line { $0.passed })\"/>\n"
            var legend = trend.group
            if trend.hasFirstRound {
                svg += "<polyline class=\"first-round\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" "
                    + "stroke-dasharray=\"5 4\" points=\"\(line { $0.firstPassed })\"/>\n"
                legend += " (dashed: first round)"
            }
            svg += "<text x=\"\(Int(legendX))\" y=\"\(Int(height + 26))\" font-size=\"12\" fill=\"\(colour)\">"
                + "\(Self.escape(legend))</text>\n"
            legendX += Double(legend.count) * 7 + 24
        }
        return svg + "</svg>\n"
    }

    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }

    /// Text as HTML: markup characters as entities; controls, DEL, C1, bidi overrides and isolates as U+FFFD
    /// (newlines and tabs kept, for `<pre>`).
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default:
                if scalar != "\n" && UntrustedText.isEscaped(scalar) {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// The earlier rounds of a repaired sample: each answer, its verdict and the feedback it drew.
    private func rounds(_ result: GradedSample) -> String {
        guard result.rounds.count > 1 else { return "" }
        var html = "<p>Repair loop: " + result.rounds.map { "round \($0.round) \($0.verdict.outcome.rawValue)" }
            .joined(separator: " → ") + "</p>\n"
        for round in result.rounds.dropLast() {
            html += "<details><summary>Round \(round.round): \(round.verdict.outcome.rawValue) — "
                + "\(Self.escape(round.verdict.reason))</summary>\n"
            html += "<div>Answer</div><pre>\(Self.escape(round.response))</pre>\n"
            if let feedback = round.feedback { html += "<div>Feedback sent</div><pre>\(Self.escape(feedback))</pre>\n" }
            html += "</details>\n"
        }
        return html
    }
}
