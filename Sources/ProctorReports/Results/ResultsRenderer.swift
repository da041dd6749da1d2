import Foundation
import ProctorCore

/// Renders a run as JSON Lines: one object per graded sample, in report order, keys sorted.
///
/// Keys: `case`, `completion_tokens` (or null), `cost_usd` (or null), `duration_ms` (up to 3 decimals),
/// `extracted` (or null), `log`, `model` (or null), `model_version` (the server's, or null), `pass_all_k` (the case's pass^k, all k pass, by k), `pass_at_k`
/// (the case's unbiased pass@k by k; both when the case
/// has several samples from the model, else null), `pattern`, `prompt_tokens` (or null), `reason`, `response`,
/// `run_id`, `sample`, `suite`, `variant` (or null), `verdict` (`pass`, `fail`, `error`).
/// Text is kept exactly, control characters included (escaped).
public struct ResultsRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        var lines = ""
        let passAtK = PassAtK.byCase(report.results)
        let passAllK = PassAtK.allPassByCase(report.results)
        for result in report.results {
            var object = JSONObjectWriter()
            let usage = result.sample.usage
            object.add("case", result.sample.caseID)
            object.add("completion_tokens", number: usage.map { String($0.completionTokens) })
            object.add("cost_usd", number: usage?.cost.map { FixedPoint.format($0, decimals: 10, trimmingZeros: true) })
            object.add("duration_ms", number: FixedPoint.format(result.duration * 1000, decimals: 3, trimmingZeros: true))
            object.add("extracted", result.verdict.extracted)
            object.add("log", result.verdict.log)
            object.add("model", result.sample.model)
            object.add("model_version", result.sample.modelVersion)
            object.add("pass_all_k", number: passAllK[CaseSamples(result.sample)].map(Self.object))
            object.add("pass_at_k", number: passAtK[CaseSamples(result.sample)].map(Self.object))
            object.add("pattern", result.pattern.rawValue)
            object.add("prompt_tokens", number: usage.map { String($0.promptTokens) })
            object.add("reason", result.verdict.reason)
            object.add("response", result.sample.response)
            object.add("run_id", report.runID)
            object.add("sample", result.sample.sampleID)
            object.add("suite", result.sample.suite)
            object.add("variant", result.sample.variant)
            object.add("verdict", result.verdict.outcome.rawValue)
            lines += object.object + "\n"
        }
        return Data(lines.utf8)
    }

    /// `{"1":0.6,"5":1}`: the case's pass@k by k.
    static func object(_ estimates: [Int: Double]) -> String {
        "{" + estimates.sorted { $0.key < $1.key }.map {
            "\"\($0.key)\":" + FixedPoint.format($0.value, decimals: 6, trimmingZeros: true)
        }.joined(separator: ",") + "}"
    }
}
