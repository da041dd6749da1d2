import Foundation
import ProctorCore

/// Renders comparisons (each side against the first) as JSON, Markdown and console lines.
public struct ComparisonRenderer: Sendable {
    public init() {}

    /// The first comparison's figures at the top (`a`, `b`, `overall`, `suites`, `patterns`, `flipped`), and
    /// every comparison under `comparisons`.
    public func json(_ comparisons: [Comparison]) throws -> Data {
        var object: [String: Any] = comparisons.first.map(Self.object) ?? [:]
        object["comparisons"] = comparisons.map(Self.object)
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) + Data("\n".utf8)
    }

    /// A summary for a pull-request comment: one table per comparison, the verdicts and the flipped cases.
    public func markdown(_ comparisons: [Comparison]) -> String {
        var text = "# Proctor comparison\n"
        for comparison in comparisons {
            let (a, b) = (MarkdownText.escaped(comparison.a.name), MarkdownText.escaped(comparison.b.name))
            text += "\n## \(a) vs \(b)\n\n**\(comparison.overall.verdict(a: a, b: b))**\n\n"
            text += "| scope | \(a) | \(b) | paired | passed only in \(a) | passed only in \(b) | p |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n"
            for figures in [comparison.overall] + comparison.bySuite + comparison.byPattern {
                text += "| \(MarkdownText.escaped(figures.scope)) | \(Self.rate(figures.aPassed, figures.aGraded, figures.aInterval)) | "
                    + "\(Self.rate(figures.bPassed, figures.bGraded, figures.bInterval)) | \(figures.paired) | "
                    + "\(figures.onlyA) | \(figures.onlyB) | \(Comparison.Figures.format(figures.pValue)) |\n"
            }
            if !comparison.flips.isEmpty {
                text += "\n### Flipped (\(comparison.flips.count))\n\n| case | \(a) | \(b) |\n| --- | --- | --- |\n"
                for flip in comparison.flips {
                    text += "| \(MarkdownText.escaped("\(flip.suite)/\(flip.caseID) #\(flip.sample)")) | \(Self.cell(flip.a)) | "
                        + "\(Self.cell(flip.b)) |\n"
                }
            }
        }
        return text
    }

    /// What the console shows: verdicts overall, per suite and per pattern, then the flipped cases; every
    /// line made safe for a terminal or CI log (``UntrustedText``).
    public func lines(_ comparisons: [Comparison]) -> [String] {
        var lines: [String] = []
        for comparison in comparisons {
            let (a, b) = (UntrustedText.line(comparison.a.name), UntrustedText.line(comparison.b.name))
            lines.append("\(a) vs \(b)")
            // Scopes the two sides have no sample of in common say nothing; the JSON still has them.
            for figures in [comparison.overall] + comparison.bySuite + comparison.byPattern where figures.paired > 0 {
                lines.append(UntrustedText.line("  " + figures.verdict(a: a, b: b))
                    + String(format: "  (pass rates: %@ %.0f%% (95%% CI %.0f–%.0f%%), %@ %.0f%% (%.0f–%.0f%%))", a,
                             Self.percent(figures.aPassed, figures.aGraded), figures.aInterval.lower * 100,
                             figures.aInterval.upper * 100, b, Self.percent(figures.bPassed, figures.bGraded),
                             figures.bInterval.lower * 100, figures.bInterval.upper * 100))
            }
            for flip in comparison.flips {
                lines.append(UntrustedText.line("  flipped \(flip.suite)/\(flip.caseID) #\(flip.sample): \(a) "
                    + "\(Self.outcome(flip.a.verdict)) → \(b) \(Self.outcome(flip.b.verdict))"))
            }
        }
        return lines
    }

    private static func object(_ comparison: Comparison) -> [String: Any] {
        let (a, b) = (comparison.a.label, comparison.b.label)
        func figures(_ figures: Comparison.Figures) -> [String: Any] {
            [
                "a_pass": figures.aPairedPassed, "b_pass": figures.bPairedPassed, "n": figures.paired,
                "p_value": figures.pValue, "only_a": figures.onlyA, "only_b": figures.onlyB,
                "a_graded": figures.aGraded, "a_passed": figures.aPassed, "b_graded": figures.bGraded,
                "b_passed": figures.bPassed,
                "a_rate": rate(figures.aPassed, figures.aGraded), "b_rate": rate(figures.bPassed, figures.bGraded),
                "a_interval": [figures.aInterval.lower, figures.aInterval.upper],
                "b_interval": [figures.bInterval.lower, figures.bInterval.upper],
                "verdict": figures.verdict(a: a, b: b),
            ]
        }
        return [
            "a": a, "b": b, "overall": figures(comparison.overall),
            "suites": Dictionary(uniqueKeysWithValues: comparison.bySuite.map { ($0.name, figures($0)) }),
            "patterns": Dictionary(uniqueKeysWithValues: comparison.byPattern.map { ($0.name, figures($0)) }),
            "flipped": comparison.flips.map { flip in
                [
                    "suite": flip.suite, "case": flip.caseID, "sample": flip.sample,
                    "a_verdict": flip.a.verdict.outcome.rawValue, "a_reason": flip.a.verdict.reason,
                    "b_verdict": flip.b.verdict.outcome.rawValue, "b_reason": flip.b.verdict.reason,
                ]
            },
        ]
    }

    private static func rate(_ passed: Int, _ graded: Int) -> Double {
        graded == 0 ? 0 : Double(passed) / Double(graded)
    }

    private static func percent(_ passed: Int, _ graded: Int) -> Double { rate(passed, graded) * 100 }

    private static func rate(_ passed: Int, _ graded: Int, _ interval: WilsonInterval) -> String {
        String(format: "%d/%d (%.0f%%, %.0f–%.0f)", passed, graded, percent(passed, graded), interval.lower * 100,
               interval.upper * 100)
    }

    private static func cell(_ row: GradedSample) -> String {
        markdownOutcome(row.verdict)
    }

    /// `fail (row count 0 vs expected 1)`; `pass` alone when the reason only repeats it.
    static func outcome(_ verdict: Verdict) -> String {
        saysMore(verdict) ? "\(verdict.outcome.rawValue) (\(verdict.reason))" : verdict.outcome.rawValue
    }

    /// The same for a Markdown table cell, the reason as a code span.
    static func markdownOutcome(_ verdict: Verdict) -> String {
        saysMore(verdict) ? "\(verdict.outcome.rawValue): " + MarkdownText.code(verdict.reason) : verdict.outcome.rawValue
    }

    private static func saysMore(_ verdict: Verdict) -> Bool {
        let reason = verdict.reason.trimmingCharacters(in: .whitespaces)
        return !reason.isEmpty && reason.lowercased() != verdict.outcome.rawValue
    }
}
