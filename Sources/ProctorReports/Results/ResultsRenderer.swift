import Foundation
import ProctorCore

/// Renders a run as JSON Lines: one object per graded sample, in report order, keys sorted.
///
/// Keys: `case`, `duration_ms` (up to 3 decimals), `extracted` (or null), `log`, `model` (or null), `pattern`,
/// `reason`, `response`, `run_id`, `sample`, `suite`, `verdict` (`pass`, `fail`, `error`).
/// Text is kept exactly, control characters included (escaped).
public struct ResultsRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        var lines = ""
        for result in report.results {
            var object = JSONObjectWriter()
            object.add("case", result.sample.caseID)
            object.add("duration_ms", number: FixedPoint.format(result.duration * 1000, decimals: 3, trimmingZeros: true))
            object.add("extracted", result.verdict.extracted)
            object.add("log", result.verdict.log)
            object.add("model", result.sample.model)
            object.add("pattern", result.pattern.rawValue)
            object.add("reason", result.verdict.reason)
            object.add("response", result.sample.response)
            object.add("run_id", report.runID)
            object.add("sample", result.sample.sampleID)
            object.add("suite", result.sample.suite)
            object.add("verdict", result.verdict.outcome.rawValue)
            lines += object.object + "\n"
        }
        return Data(lines.utf8)
    }
}
