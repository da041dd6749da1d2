import Foundation

/// Everything a run produced; every report is a pure function of it.
public struct RunReport: Sendable {
    public var runID: String
    public var startedAt: Date
    /// Wall time of the grading, in seconds.
    public var duration: Double
    /// The suites that were run, in the order given.
    public var suites: [Suite]
    /// Graded samples, in a stable order: suite order, then case order, then sample order.
    public var results: [GradedSample]
    /// Facts about the run every scorecard records, such as the Python sandbox's isolation.
    public var properties: [String: String]
    /// Lines about the run's gates and what it left out, for the summary.
    public var notes: [String] = []

    public init(
        runID: String, startedAt: Date, duration: Double, suites: [Suite], results: [GradedSample],
        properties: [String: String] = [:]
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.duration = duration
        self.suites = suites
        self.results = results
        self.properties = properties
    }

    /// Counts by outcome.
    public var tally: Tally { Tally(results.map(\.verdict.outcome)) }
}

/// Counts of outcomes and the pass rate they give.
public struct Tally: Sendable, Hashable {
    public var passed = 0
    public var failed = 0
    public var errors = 0

    public init<S: Sequence>(_ outcomes: S) where S.Element == Verdict.Outcome {
        for outcome in outcomes {
            switch outcome {
            case .pass: passed += 1
            case .fail: failed += 1
            case .error: errors += 1
            }
        }
    }

    public var total: Int { passed + failed + errors }

    /// Passed over total; 0 when nothing was graded.
    public var passRate: Double { total == 0 ? 0 : Double(passed) / Double(total) }
}

/// How many answers that edit given code applied, of those asked (each round of a repair loop is one): the
/// well-formed-edit rate.
public struct EditTally: Sendable, Hashable {
    /// `model, variant` of the samples counted, or nil for all of them.
    public var group: String?
    public var applied: Int
    public var asked: Int

    public var rate: Double { asked == 0 ? 0 : Double(applied) / Double(asked) }

    /// `7 of 9 (77.8%)`.
    public var text: String { "\(applied) of \(asked) (\(String(format: "%.1f", rate * 100))%)" }

    /// One tally per (model, variant) group of `results` that was asked for edits, in order of appearance.
    public static func byGroup(_ results: [GradedSample]) -> [EditTally] {
        var order: [String] = []
        var tallies: [String: EditTally] = [:]
        for result in results {
            for applied in appliedFlags(result) {
                let group = result.sample.key.modelGroup
                if tallies[group] == nil { order.append(group) }
                var tally = tallies[group] ?? EditTally(group: group, applied: 0, asked: 0)
                tally.asked += 1
                if applied { tally.applied += 1 }
                tallies[group] = tally
            }
        }
        return order.compactMap { tallies[$0] }
    }

    /// The tally of all of `results`, or nil when none edits code.
    public static func total(_ results: [GradedSample]) -> EditTally? {
        let asked = results.flatMap(appliedFlags)
        guard !asked.isEmpty else { return nil }
        return EditTally(group: nil, applied: asked.filter { $0 }.count, asked: asked.count)
    }

    /// Whether each edit `result` asked for applied: one per round of a repair loop.
    private static func appliedFlags(_ result: GradedSample) -> [Bool] {
        result.rounds.isEmpty ? [result.verdict.details.editApplied].compactMap { $0 }
            : result.rounds.compactMap(\.verdict.details.editApplied)
    }
}
