import Foundation
import ProctorCore
import ProctorReports

/// The gates of a run: pass rates (command line, `--config`, the suites' `min_pass_rate`) and regressions against
/// a baseline; checked against a report, they give ``GateResult``s.
public struct Gates: Sendable {
    public var passRates: [PassRateGate]
    /// A baseline's graded samples, with the path it was read from.
    public var baseline: (path: String, samples: [GradedSample])?
    /// The most regressions against the baseline that meet the gate.
    public var maxRegressions: Int

    public init(passRates: [PassRateGate] = [], baseline: (path: String, samples: [GradedSample])? = nil, maxRegressions: Int = 0) {
        self.passRates = passRates
        self.baseline = baseline
        self.maxRegressions = maxRegressions
    }

    /// `NAME=RATE` as a gate on a suite or a pattern (one of `patterns`); a message saying what to write otherwise.
    public static func parse(
        _ text: String, flag: String, scope: (String) -> PassRateGate.Scope, patterns: [Pattern]? = nil
    ) -> Result<PassRateGate, GateSyntaxError> {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let rate = Double(parts[1]), (0...1).contains(rate) else {
            return .failure(GateSyntaxError(message: "\(flag) takes NAME=RATE with a rate from 0 to 1, e.g. school=0.8, not '\(text)'"))
        }
        if let patterns, !patterns.contains(Pattern(parts[0])) {
            return .failure(GateSyntaxError(message: "unknown pattern '\(parts[0])' in \(flag); one of: "
                + patterns.map(\.rawValue).joined(separator: ", ")))
        }
        return .success(PassRateGate(scope(parts[0]), minimum: rate))
    }

    /// Reads a baseline results file (schema 1 or 2); `BadInput` naming file and line otherwise.
    public static func readBaseline(_ path: String) throws -> (path: String, samples: [GradedSample]) {
        (path, try ResultsReader.samples(URL(fileURLWithPath: path), displayPath: path))
    }

    /// Throws `BadInput` for a pass-rate gate on a suite not among `suites`: it could never be met, and is most
    /// likely a misspelt name.
    public func validate(against suites: [Suite]) throws {
        let names = suites.map(\.name)
        let unknown = passRates.compactMap { gate -> Diagnostic? in
            guard case .suite(let name) = gate.scope, !names.contains(name) else { return nil }
            return .error("the gate on suite '\(name)' names no suite of this run",
                          hint: "its suites: \(names.joined(separator: ", "))")
        }
        if !unknown.isEmpty { throw BadInput(unknown) }
    }

    /// Every gate checked against `report`, pass rates first.
    public func check(_ report: RunReport) -> [GateResult] {
        var results = passRates.map { gate -> GateResult in
            let (met, tally) = gate.check(report)
            let summary = String(
                format: "%@: %@ pass rate %.1f%% (%d of %d) %@ %.1f%%", met ? "gate met" : "gate failed",
                gate.scope.description, tally.passRate * 100, tally.passed, tally.total, met ? "≥" : "is below",
                gate.minimum * 100)
            return GateResult(
                name: "\(gate.scope) pass rate", measured: tally.passRate, limit: gate.minimum, met: met, summary: summary)
        }
        if let baseline {
            let regressions = Regressions(baseline: baseline.samples, current: report.results)
            let counted = regressions.counted.count
            let met = counted <= maxRegressions
            let summary = met
                ? "gate met: \(counted) regression(s) against \(baseline.path) ≤ \(maxRegressions)"
                : "gate failed: \(counted) regression(s) against \(baseline.path), more than --max-regressions \(maxRegressions)"
            results.append(GateResult(
                name: "regressions against \(baseline.path)", measured: Double(counted), limit: Double(maxRegressions),
                met: met, summary: summary,
                notes: regressions.counted.map { "regressed: \($0)" } + regressions.flaky.map { "flaky (not counted): \($0)" }))
        }
        return results
    }
}

/// A gate written the wrong way, and how to write it.
public struct GateSyntaxError: Error, Sendable {
    public var message: String
}
