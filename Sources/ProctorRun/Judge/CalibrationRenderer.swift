import Foundation
import ProctorCore

/// What `proctor calibrate` prints: per suite and overall, the whole check's and the judge's agreement with the labels.
public enum CalibrationRenderer {
    /// Lines for a terminal.
    public static func text(_ report: CalibrationReport) -> [String] {
        var lines = ["judge \(report.judge.model) (\(report.judge.settings.isEmpty ? "server defaults" : report.judge.settings))"]
        for agreement in report.suites + [report.overall] {
            lines.append("")
            lines.append("\(agreement.suite ?? "overall") (\(agreement.judge.total) labels)")
            for (name, measure) in [("whole check", agreement.check), ("judge alone", agreement.judge)] {
                lines.append("  \(name): agreement \(percent(measure.agreement)), kappa \(kappa(measure.kappa))")
                lines.append("    label pass: \(measure.passPass) pass, \(measure.passFail) not pass")
                lines.append("    label fail: \(measure.failPass) pass, \(measure.failFail) not pass")
            }
            if agreement.judgeErrors > 0 {
                lines.append("  the judge gave no usable answer for \(agreement.judgeErrors) label(s) (counted as not passing)")
            }
        }
        return lines
    }

    /// One JSON object: the judge, and the measures per suite and overall.
    public static func json(_ report: CalibrationReport) throws -> String {
        struct Output: Encodable {
            var judge: JudgeIdentity
            var suites: [Measures]
            var overall: Measures
        }
        struct Measures: Encodable {
            var suite: String?
            var labels: Int
            var check: Measure
            var judge: Measure
            var judgeErrors: Int
            enum CodingKeys: String, CodingKey {
                case suite, labels, check, judge
                case judgeErrors = "judge_errors"
            }
        }
        struct Measure: Encodable {
            var agreement: Double
            var kappa: Double?
            var confusion: Agreement
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(agreement, forKey: .agreement)
                try container.encode(kappa, forKey: .kappa)
                try container.encode(confusion, forKey: .confusion)
            }
            enum CodingKeys: String, CodingKey { case agreement, kappa, confusion }
        }
        func measures(_ agreement: SuiteAgreement) -> Measures {
            Measures(
                suite: agreement.suite, labels: agreement.judge.total,
                check: Measure(agreement: agreement.check.agreement, kappa: agreement.check.kappa, confusion: agreement.check),
                judge: Measure(agreement: agreement.judge.agreement, kappa: agreement.judge.kappa, confusion: agreement.judge),
                judgeErrors: agreement.judgeErrors)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let output = Output(judge: report.judge, suites: report.suites.map(measures), overall: measures(report.overall))
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }

    private static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    private static func kappa(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "undefined (every label the same)"
    }
}
