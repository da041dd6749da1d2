import Foundation
import ProctorCore

/// Renders a run as JSON Lines: one object per graded sample, keys always in the same order.
///
/// Keys: `run_id`, `suite`, `case`, `sample`, `model` (or null), `pattern`, `verdict` (`pass`, `fail`,
/// `error`), `reason`, `duration_ms` (up to 3 decimals), `response`, `extracted` (or null), `log`.
/// Text is kept exactly, control characters included (escaped).
public struct ResultsRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        var lines = ""
        for result in report.results {
            var object = JSONObjectWriter()
            object.add("run_id", report.runID)
            object.add("suite", result.sample.suite)
            object.add("case", result.sample.caseID)
            object.add("sample", result.sample.sampleID)
            object.add("model", result.sample.model)
            object.add("pattern", result.pattern.rawValue)
            object.add("verdict", result.verdict.outcome.rawValue)
            object.add("reason", result.verdict.reason)
            object.add("duration_ms", number: FixedPoint.format(result.duration * 1000, decimals: 3, trimmingZeros: true))
            object.add("response", result.sample.response)
            object.add("extracted", result.verdict.extracted)
            object.add("log", result.verdict.log)
            lines += object.object + "\n"
        }
        return Data(lines.utf8)
    }
}
