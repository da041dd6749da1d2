import Foundation
import ProctorCore

/// A Markdown summary of a run, for a pull-request comment or `$GITHUB_STEP_SUMMARY`: totals, a table per test
/// suite (suite, model, variant), and the samples that did not pass.
///
/// Reasons are model-controlled: each is an inline code span, so no link, image, HTML or mention in it renders,
/// and names are escaped (``MarkdownText``).
public struct SummaryRenderer: ReportRenderer {
    /// Most failing samples listed; the rest are counted.
    public var maxListed: Int

    public init(maxListed: Int = 50) {
        self.maxListed = maxListed
    }

    public func render(_ report: RunReport) throws -> Data {
        let tally = report.tally
        var text = "## Proctor: \(tally.passed) of \(tally.total) passed (\(Self.percent(tally.passRate)))\n\n"
        text += "| suite | passed | failed | errors | pass rate |\n| --- | ---: | ---: | ---: | ---: |\n"
        for suite in ScorecardSuite.partition(report) {
            let counts = suite.tally
            text += "| \(Self.escape(suite.name)) | \(counts.passed) | \(counts.failed) | \(counts.errors) | "
                + "\(Self.percent(counts.passRate)) |\n"
        }
        if let means = PassAtK.meansText(report.results) {
            text += "\nMean over cases with several samples: \(means).\n"
        }
        if let usage = UsageTally(report.results) {
            // As the console: the cost of the models with prices, then each model's when several answered.
            text += "\nTokens: \(usage.total.promptTokens) prompt + \(usage.total.completionTokens) completion"
                + (usage.cost.map { String(format: "; cost $%.4f", $0) + (usage.partial ? " (models with prices only)" : "") } ?? "")
                + ".\n"
            if usage.showsModels {
                text += "\n" + usage.byModel.map { model, usage in
                    "- \(Self.escape(model)): \(usage.promptTokens) prompt + \(usage.completionTokens) completion; "
                        + (usage.cost.map { String(format: "cost $%.4f", $0) } ?? "no prices") + "\n"
                }.joined()
            }
        }
        let edits = EditTally.byGroup(report.results)
        if !edits.isEmpty {
            text += "\nWell-formed edits (answers that applied to the given code): "
                + edits.map { "\(Self.escape($0.group ?? "")) \($0.text)" }.joined(separator: "; ") + ".\n"
        }
        if let model = report.properties["judge_model"] {
            text += "\nJudge: \(Self.escape(model)) (\(Self.escape(report.properties["judge_settings"] ?? "")))"
                + ", measured kappa \(Self.escape(report.properties["judge_kappa"] ?? "unknown"))"
                + (JudgeTally.of(report.results).map { "; " + Self.escape($0.text) } ?? "; not asked") + ".\n"
        }
        let repairs = RepairTally.byGroup(report.results)
        if !repairs.isEmpty {
            text += "\nRepair loop (samples whose case allows feedback rounds): "
                + repairs.map { "\(Self.escape($0.group ?? "")) \($0.text)" }.joined(separator: "; ") + ".\n"
        }
        if !report.notes.isEmpty {
            text += "\n" + report.notes.map { "- " + MarkdownText.escaped($0) + "\n" }.joined()
        }
        let failing = report.results.filter { $0.verdict.outcome != .pass }
        if !failing.isEmpty {
            text += "\n<details><summary>\(failing.count) sample(s) did not pass</summary>\n\n"
            text += "| sample | verdict | reason |\n| --- | --- | --- |\n"
            for result in failing.prefix(maxListed) {
                let name = result.sample.key.label()
                text += "| \(Self.escape(name)) | \(result.verdict.outcome.rawValue) | \(MarkdownText.code(result.verdict.reason)) |\n"
            }
            if failing.count > maxListed { text += "\n… and \(failing.count - maxListed) more in the results file.\n" }
            text += "\n</details>\n"
        }
        text += "\nRun `\(report.runID)`.\n"
        return Data(text.utf8)
    }

    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }

    /// Text safe inside a table cell, rendered as written.
    static func escape(_ text: String) -> String {
        MarkdownText.escaped(text)
    }
}
