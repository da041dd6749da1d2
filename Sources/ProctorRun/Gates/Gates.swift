import Foundation
import ProctorCore
import ProctorReports

/// The gates of a run: pass rates (command line, `--config`, the suites' `min_pass_rate`) and regressions against
/// a baseline; checked against a report, they give ``GateResult``s.
///
/// In a run of several (model, variant) groups, each pass-rate gate applies to each group that has samples in its
/// scope, and names it.
public struct Gates: Sendable {
    public var passRates: [PassRateGate]
    /// A baseline's graded samples, with the path it was read from.
    public var baseline: (path: String, samples: [GradedSample])?
    /// The most regressions against the baseline that meet the gate.
    public var maxRegressions: Int
    /// Baseline samples of cases the run's selection left out: set apart, neither paired nor "not in this run".
    public private(set) var baselineLeftOut = 0
    /// The run's selection (`--tag joins: 5 of 63 cases …`) when it graded a subset: every gate's line says so.
    public private(set) var selection: String?

    public init(passRates: [PassRateGate] = [], baseline: (path: String, samples: [GradedSample])? = nil, maxRegressions: Int = 0) {
        self.passRates = passRates
        self.baseline = baseline
        self.maxRegressions = maxRegressions
    }

    /// Whether any gate is set.
    public var isEmpty: Bool { passRates.isEmpty && baseline == nil }

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

    /// Gates on the part of the loaded cases a selection (`selection`, its summary) kept: the baseline's samples
    /// of the `leftOut` cases are set apart, and every gate's line says it gated a subset.
    public mutating func leaveOut(_ leftOut: Set<CaseKey>, selection: String?) {
        self.selection = selection
        guard let baseline, !leftOut.isEmpty else { return }
        let kept = baseline.samples.filter { !leftOut.contains($0.sample.key.caseKey) }
        baselineLeftOut = baseline.samples.count - kept.count
        self.baseline = (baseline.path, kept)
    }

    /// These gates with the `min_pass_rate` of each of `suites`.
    public func adding(minimumsOf suites: [Suite]) -> Gates {
        var gates = self
        gates.passRates += suites.compactMap { suite in suite.minPassRate.map { PassRateGate(.suite(suite.name), minimum: $0) } }
        return gates
    }

    /// Throws `BadInput` for a pass-rate gate on a suite or pattern none of `suites` selects: it could never be
    /// met, and is most likely a misspelt name.
    public func validate(against suites: [Suite]) throws {
        let names = suites.map(\.name)
        var patterns: [String] = []
        for pattern in suites.flatMap({ $0.cases.map(\.pattern.rawValue) }) where !patterns.contains(pattern) {
            patterns.append(pattern)
        }
        let unknown = passRates.compactMap { gate -> Diagnostic? in
            switch gate.scope {
            case .suite(let name) where !names.contains(name):
                return .error("the gate on suite '\(name)' names no suite of this run", at: gate.origin,
                              hint: "its suites: \(names.joined(separator: ", "))")
            case .pattern(let pattern) where !patterns.contains(pattern.rawValue):
                return .error("the gate on pattern '\(pattern)' names no pattern of this run's cases", at: gate.origin,
                              hint: "its patterns: \(patterns.joined(separator: ", "))")
            default:
                return nil
            }
        }
        if !unknown.isEmpty { throw BadInput(unknown) }
    }

    /// Throws `BadInput` when the baseline shares no sample with `expected` (another model, other suites):
    /// comparing them would say nothing, and green would lie.
    public func validateBaseline(against expected: [SampleKey]) throws {
        guard let baseline else { return }
        if baseline.samples.isEmpty && baselineLeftOut > 0 {
            throw BadInput(.error(
                "every one of the baseline's \(baselineLeftOut) sample(s) is of a case the selection left out",
                at: SourceLocation(file: baseline.path), hint: "select cases the baseline graded, or leave out --baseline"))
        }
        let keys = Set(expected)
        let before = baseline.samples.map(\.sample.key)
        guard !before.contains(where: keys.contains) else { return }
        throw BadInput(.error(
            "the baseline shares no sample with this run: it holds \(Regressions.describe(before)); this run expects "
                + Regressions.describe(expected),
            at: SourceLocation(file: baseline.path),
            hint: "compare with a baseline of the same model, variants and suites"))
    }

    /// Every gate checked against `report`, pass rates first.
    public func check(_ report: RunReport) -> [GateResult] {
        var groups: [String?] = []
        for result in report.results where !groups.contains(result.sample.key.tags) { groups.append(result.sample.key.tags) }
        var results: [GateResult] = []
        for gate in passRates {
            let scoped = report.results.filter { gate.covers($0) }
            let perGroup = groups.count > 1
                ? groups.map { group in (group, scoped.filter { $0.sample.key.tags == group }) }.filter { !$0.1.isEmpty }
                : [(nil, scoped)]
            for (group, samples) in perGroup.isEmpty ? [(nil, scoped)] : perGroup {
                var result = Self.result(gate, group: group, tally: Tally(samples.map(\.verdict.outcome)))
                if let leftOut = report.properties["left_out"] {
                    result.summary += " (\(leftOut) expected sample(s) left out by --answered-only)"
                }
                if let selection { result.summary += " (selected subset: \(selection))" }
                results.append(result)
            }
        }
        if let baseline {
            let regressions = Regressions(baseline: baseline.samples, current: report.results)
            let counted = regressions.counted.count
            let met = counted <= maxRegressions
            let paired = "paired \(regressions.paired) of \(regressions.baselineSamples) baseline samples"
            var summary = met
                ? "gate met: \(counted) regression(s) against \(baseline.path) ≤ \(maxRegressions) (\(paired))"
                : "gate failed: \(counted) regression(s) against \(baseline.path), more than --max-regressions \(maxRegressions) (\(paired))"
            if let selection { summary += " (selected subset: \(selection))" }
            var notes = regressions.counted.map { "regressed: \($0)" } + regressions.flaky.map { "flaky (not counted): \($0)" }
            if !regressions.notInRun.isEmpty {
                let shown = regressions.notInRun.prefix(5).joined(separator: ", ")
                let more = regressions.notInRun.count > 5 ? " and \(regressions.notInRun.count - 5) more" : ""
                notes.append("not in this run (not counted): \(regressions.notInRun.count) baseline sample(s): \(shown)\(more)")
            }
            if baselineLeftOut > 0 {
                notes.append("left out by the selection (not counted): \(baselineLeftOut) baseline sample(s)")
            }
            results.append(GateResult(
                name: "regressions against \(baseline.path)", measured: Double(counted), limit: Double(maxRegressions),
                met: met, summary: summary, notes: notes))
        }
        return results
    }

    private static func result(_ gate: PassRateGate, group: String?, tally: Tally) -> GateResult {
        let met = tally.total > 0 && tally.passRate >= gate.minimum
        let name = "\(gate.scope) pass rate" + (group.map { " [\($0)]" } ?? "")
        let summary = String(
            format: "%@: %@ %.1f%% (%d of %d) %@ %.1f%%", met ? "gate met" : "gate failed", name, tally.passRate * 100,
            tally.passed, tally.total, met ? "≥" : "is below", gate.minimum * 100)
        return GateResult(name: name, measured: tally.passRate, limit: gate.minimum, met: met, summary: summary)
    }
}

/// A gate written the wrong way, and how to write it.
public struct GateSyntaxError: Error, Sendable {
    public var message: String
}
