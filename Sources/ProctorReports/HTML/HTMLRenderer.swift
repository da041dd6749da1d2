import Foundation
import ProctorCore

/// A self-contained HTML page of a run (no scripts, fonts or requests from elsewhere): totals, cost, tokens and
/// latency per model, a matrix of suites by model and variant, each model and variant compared with the first, a
/// pass-rate-over-time chart from the history, and every sample's details, failures first.
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
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>Proctor \(Self.escape(report.runID))</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;padding:0 12px;color:#1b1f24;max-width:1200px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px}
            .muted{color:#57606a}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 10px;text-align:left}
            th{background:#f6f8fa}.rate{text-align:right;font-variant-numeric:tabular-nums}.wide{overflow-x:auto;max-width:100%}
            .pass{color:#116329}.fail{color:#a40e26}.error{color:#9a6700}
            details{border-bottom:1px solid #eaeef2;padding:3px 0}summary{cursor:pointer;overflow-wrap:anywhere}
            pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:320px;white-space:pre-wrap;overflow-wrap:anywhere;margin:2px 0 8px}
            .label{font-weight:600;margin-top:6px}details.part{border:0}details.part>summary{font-weight:600}
            pre.diff>*{display:block;min-height:1.45em}pre.diff del{background:#ffebe9;text-decoration:none}pre.diff ins{background:#dafbe1;text-decoration:none}
            .badge{display:inline-block;min-width:44px;font-weight:600}nav a{margin-right:12px}
            ol.jump{max-height:320px;overflow:auto;padding-left:28px}ol.jump a{text-decoration:none}
            .chart{max-width:660px}.chart>input{position:absolute;opacity:0;pointer-events:none}
            svg.trend{width:100%;height:auto;display:block}svg.swatch{width:24px;height:12px;vertical-align:middle;margin-right:4px}
            .legend{display:flex;flex-wrap:wrap;gap:2px 14px;font-size:13px}.legend label{cursor:pointer;padding:0 3px;overflow-wrap:anywhere}
            td,th,.legend{hyphens:none}.nw{white-space:nowrap}ul.notes{margin:6px 0;padding-left:22px}ul.notes li{overflow-wrap:anywhere}
            </style></head><body>
            <h1>Proctor: \(tally.passed) of \(tally.total) passed (\(Self.percent(tally.passRate)))</h1>
            <p class="muted">Run \(Self.escape(report.runID)) · \(Self.escape(ISO8601DateFormatter().string(from: report.startedAt))) · \
            \(tally.failed) failed · \(tally.errors) errors\(report.properties["sandbox"].map { " · " + Self.escape($0) } ?? "")</p>

            """
        html += Self.notes(report)
        html += "<nav><a href=\"#models\">models</a><a href=\"#suites\">suites</a>"
            + (history.count >= 2 ? "<a href=\"#trend\">trend</a>" : "")
            + "<a href=\"#samples\">samples (\(tally.failed + tally.errors) not passed, first)</a></nav>\n"
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
        html += ModelTable(results: report.results).render()
        html += matrix(report)
        html += comparisons(report)
        html += TrendChart(history: history).render()
        html += SampleSection(report: report).render()
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
        var html = "<h2 id=\"suites\">Pass rate by suite, model and variant</h2>\n<div class=\"wide\"><table><tr><th>suite</th>"
            + columns.map { "<th>\(Self.label($0))</th>" }.joined() + "</tr>\n"
        for suite in suites {
            html += "<tr><td>\(Self.label(suite))</td>"
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
        return html + "</table></div>\n"
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
        // Sides named as the console names them: `[model, variant]`, readable beside numbers and each other.
        let baseline = Comparison.Side(label: first, name: "[\(first)]", rows: groups[first] ?? [])
        var html = "<h2>Compared with \(Self.label(first))</h2>\n"
        for label in order.dropFirst() {
            let comparison = Comparison(baseline, Comparison.Side(label: label, name: "[\(label)]", rows: groups[label] ?? []))
            html += "<h3>\(Self.label(label))</h3>\n<ul>"
            for figures in [comparison.overall] + comparison.bySuite + comparison.byPattern where figures.paired > 0 {
                var sentence = Self.escape(figures.verdict(a: comparison.a.name, b: comparison.b.name))
                // A side's name does not break inside (`[demo-model, / python-only]`) when it is short.
                for name in [comparison.a.name, comparison.b.name] where name.count <= 32 {
                    sentence = sentence.replacingOccurrences(of: Self.escape(name), with: "<span class=\"nw\">\(Self.escape(name))</span>")
                }
                html += "<li>\(sentence)</li>"
            }
            html += "</ul>\n"
            if !comparison.flips.isEmpty {
                html += "<div class=\"wide\"><table><tr><th>flipped</th><th>\(Self.label(first))</th><th>\(Self.label(label))</th></tr>\n"
                for flip in comparison.flips {
                    let label = SampleKey(suite: flip.suite, caseID: flip.caseID, sampleID: flip.sample).label()
                    html += "<tr><td>\(Self.escape(label))</td>" + [flip.a, flip.b].map { side in
                        let outcome = side.verdict.outcome.rawValue
                        return "<td class=\"\(outcome)\">\(Self.escape(outcome + ": " + side.verdict.reason))</td>"
                    }.joined() + "</tr>\n"
                }
                html += "</table></div>\n"
            }
        }
        return html
    }

    /// Lines about what the run left out and its gates (the selection, `--no-judge`, a repair loop stopped early,
    /// gate results), as the summary shows them: the first ten, the rest one click away.
    static func notes(_ report: RunReport) -> String {
        var notes = report.notes
        if let selection = report.properties["selection"], !notes.contains(where: { $0.contains(selection) }) {
            notes.insert("selection: \(selection); the other cases were not graded", at: 0)
        }
        guard !notes.isEmpty else { return "" }
        func items(_ lines: ArraySlice<String>) -> String { lines.map { "<li>\(escape($0))</li>" }.joined() }
        var html = "<ul class=\"notes\">" + items(notes.prefix(10)) + "</ul>\n"
        if notes.count > 10 {
            html += "<details><summary>\(notes.count - 10) more note(s)</summary><ul class=\"notes\">"
                + items(notes.dropFirst(10)) + "</ul></details>\n"
        }
        return html
    }

    /// A model-and-variant label (`demo-model, python-only`) that breaks between its parts, not inside a short one.
    static func label(_ group: String) -> String {
        group.components(separatedBy: ", ").map { part in
            part.count <= 32 ? "<span class=\"nw\">\(escape(part))</span>" : escape(part)
        }.joined(separator: ", ")
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
}
