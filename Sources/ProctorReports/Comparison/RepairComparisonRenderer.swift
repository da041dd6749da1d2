import Foundation
import ProctorCore

/// Renders a first-round against final comparison (``RepairComparison``) as console lines, Markdown and JSON.
public struct RepairComparisonRenderer: Sendable {
    public init() {}

    /// Per group: its figures and its conclusion; then every sample that changed, each line made safe for a
    /// terminal or CI log (``UntrustedText``).
    public func lines(_ comparison: RepairComparison) -> [String] {
        var lines = ["first round vs final, over the samples whose case allowed repair"]
        for figures in comparison.groups {
            lines.append(UntrustedText.line(figures.name))
            lines.append(UntrustedText.line(
                "  \(figures.paired) paired: first round \(Self.rate(figures.firstPassed, figures.paired, figures.firstInterval)), "
                    + "final \(Self.rate(figures.finalPassed, figures.paired, figures.finalInterval)), "
                    + "fixed \(figures.fixed), broken \(figures.broken), p = \(Comparison.Figures.format(figures.pValue))"))
            lines.append(UntrustedText.line("  " + figures.conclusion))
        }
        for change in comparison.changes {
            let result = change.result
            lines.append(UntrustedText.line(
                "  \(change.fixed ? "fixed" : "broken") \(result.sample.key.label()): round 1 "
                    + "\(ComparisonRenderer.outcome(result.firstVerdict)) → round \(result.rounds.count) "
                    + ComparisonRenderer.outcome(result.verdict)))
        }
        return lines
    }

    /// A summary for a pull-request comment: the conclusions, one table row per group, the samples that changed.
    public func markdown(_ comparison: RepairComparison) -> String {
        var text = "# Proctor: first round vs final\n\nOver the samples whose case allowed repair.\n\n"
        text += comparison.groups.map { "**\(MarkdownText.escaped($0.conclusion))**\n" }.joined(separator: "\n")
        text += "\n| model, variant | paired | first round | final | fixed | broken | p |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for figures in comparison.groups {
            text += "| \(MarkdownText.escaped(figures.group)) | \(figures.paired) | "
                + "\(Self.rate(figures.firstPassed, figures.paired, figures.firstInterval)) | "
                + "\(Self.rate(figures.finalPassed, figures.paired, figures.finalInterval)) | \(figures.fixed) | "
                + "\(figures.broken) | \(Comparison.Figures.format(figures.pValue)) |\n"
        }
        if !comparison.changes.isEmpty {
            text += "\n### Changed (\(comparison.changes.count))\n\n| sample | round 1 | final |\n| --- | --- | --- |\n"
            for change in comparison.changes {
                let result = change.result
                text += "| \(MarkdownText.escaped(result.sample.key.label())) | \(Self.cell(result.firstVerdict)) | "
                    + "round \(result.rounds.count) \(Self.cell(result.verdict)) |\n"
            }
        }
        return text
    }

    /// `groups` (each group's figures) and `changed` (the samples whose verdict changed in passing).
    public func json(_ comparison: RepairComparison) throws -> Data {
        let object: [String: Any] = [
            "groups": comparison.groups.map { figures -> [String: Any] in
                [
                    "group": figures.group, "model": figures.model ?? NSNull(), "variant": figures.variant ?? NSNull(),
                    "paired": figures.paired, "first_passed": figures.firstPassed, "final_passed": figures.finalPassed,
                    "first_rate": figures.firstRate, "final_rate": figures.finalRate,
                    "first_interval": [figures.firstInterval.lower, figures.firstInterval.upper],
                    "final_interval": [figures.finalInterval.lower, figures.finalInterval.upper],
                    "fixed": figures.fixed, "broken": figures.broken, "repaired": figures.repaired,
                    "p_value": figures.pValue, "conclusion": figures.conclusion,
                ]
            },
            "changed": comparison.changes.map { change -> [String: Any] in
                let result = change.result
                return [
                    "suite": result.sample.suite, "case": result.sample.caseID, "sample": result.sample.sampleID,
                    "model": result.sample.model ?? NSNull(), "variant": result.sample.variant ?? NSNull(),
                    "rounds": result.rounds.count, "change": change.fixed ? "fixed" : "broken",
                    "first_verdict": result.firstVerdict.outcome.rawValue, "first_reason": result.firstVerdict.reason,
                    "final_verdict": result.verdict.outcome.rawValue, "final_reason": result.verdict.reason,
                ]
            },
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) + Data("\n".utf8)
    }

    private static func rate(_ passed: Int, _ total: Int, _ interval: WilsonInterval) -> String {
        String(format: "%d/%d (%.0f%%, %.0f–%.0f)", passed, total, total == 0 ? 0 : Double(passed) / Double(total) * 100,
               interval.lower * 100, interval.upper * 100)
    }

    private static func cell(_ verdict: Verdict) -> String {
        ComparisonRenderer.markdownOutcome(verdict)
    }
}
