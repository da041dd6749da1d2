import ProctorCore

/// What the history says: pass rates over time, since when each failing sample fails, and which flip-flop.
public struct HistorySummary: Sendable {
    /// One suite, model and variant across runs, oldest first.
    public struct Trend: Sendable, Hashable {
        /// `suite [model, variant]`.
        public var group: String
        public var suite: String
        public var model: String?
        public var variant: String?
        /// Per run that graded the group: its id, passed of graded, and how many of the same samples passed in
        /// the first round — nil when none of them allowed repair; a sample whose case allowed none has one round,
        /// so its verdict counts in both.
        public var points: [Point]

        public typealias Point = (runID: String, passed: Int, total: Int, firstPassed: Int?)

        /// Whether some run holds a first-round rate for the group.
        public var hasFirstRound: Bool { points.contains { $0.firstPassed != nil } }

        public static func == (lhs: Trend, rhs: Trend) -> Bool {
            lhs.group == rhs.group && lhs.suite == rhs.suite && lhs.model == rhs.model && lhs.variant == rhs.variant && lhs.points.map(\.runID) == rhs.points.map(\.runID)
                && lhs.points.map(\.passed) == rhs.points.map(\.passed) && lhs.points.map(\.total) == rhs.points.map(\.total)
                && lhs.points.map(\.firstPassed) == rhs.points.map(\.firstPassed)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(group) }
    }

    /// A sample that fails in the latest run, with the first run of its current failing streak.
    public struct Failing: Sendable, Hashable {
        public var identity: String
        public var since: String
        public var runs: Int
        public var reason: String
        /// Whether the streak reaches back to the sample's oldest run in the window and runs older than the
        /// window exist: it may have failed before `since`.
        public var sinceOrEarlier = false

        /// `since r2`, or `since at least r2` when it may have failed earlier.
        public var sinceText: String { "since " + (sinceOrEarlier ? "at least " : "") + since }
    }

    public var trends: [Trend]
    public var failing: [Failing]
    /// Samples whose verdict changed at least twice over the runs, with how often.
    public var flaky: [(identity: String, changes: Int)]

    /// `earlierRuns`: the history holds runs older than `runs`, so a streak that reaches the oldest of them may
    /// have begun before it.
    public init(_ runs: [HistoryRun], earlierRuns: Bool = false) {
        var order: [String] = []
        var keys: [String: SampleKey] = [:]
        var points: [String: [Trend.Point]] = [:]
        var history: [String: [(runID: String, passed: Bool, reason: String)]] = [:]
        var identities: [String] = []
        for run in runs {
            var tallies: [String: (passed: Int, total: Int, firstPassed: Int, repairable: Int)] = [:]
            for result in run.samples {
                let key = result.sample.key
                let (group, identity, passed) = (key.trendGroup, key.label(), result.verdict.outcome == .pass)
                var tally = tallies[group] ?? (0, 0, 0, 0)
                tally.total += 1
                if passed { tally.passed += 1 }
                let first = run.firstOutcomes[key]
                if first != nil { tally.repairable += 1 }
                if (first ?? result.verdict.outcome) == .pass { tally.firstPassed += 1 }
                tallies[group] = tally
                if keys[group] == nil {
                    order.append(group)
                    keys[group] = key
                }
                if history[identity] == nil { identities.append(identity) }
                history[identity, default: []].append((run.runID, passed, result.verdict.reason))
            }
            for (group, tally) in tallies.sorted(by: { $0.key < $1.key }) {
                points[group, default: []].append(
                    (run.runID, tally.passed, tally.total, tally.repairable > 0 ? tally.firstPassed : nil))
            }
        }
        // As the console and the summary: suites in order of appearance, then each suite's models and variants.
        var suites: [String] = []
        for group in order where !suites.contains(keys[group]?.suite ?? "") { suites.append(keys[group]?.suite ?? "") }
        let bySuite = Dictionary(grouping: order) { keys[$0]?.suite ?? "" }
        trends = suites.flatMap { bySuite[$0] ?? [] }.map { group in
            Trend(group: group, suite: keys[group]?.suite ?? "", model: keys[group]?.model, variant: keys[group]?.variant,
                  points: points[group] ?? [])
        }
        let latest = runs.last?.runID
        failing = identities.compactMap { identity in
            guard let entries = history[identity], let last = entries.last, last.runID == latest, !last.passed else {
                return nil
            }
            let streak = entries.reversed().prefix { !$0.passed }
            return Failing(identity: identity, since: streak.last?.runID ?? last.runID, runs: streak.count, reason: last.reason,
                           sinceOrEarlier: earlierRuns && streak.count == entries.count)
        }
        flaky = identities.compactMap { identity in
            let verdicts = history[identity]?.map(\.passed) ?? []
            let changes = zip(verdicts, verdicts.dropFirst()).filter { $0 != $1 }.count
            return changes >= 2 ? (identity, changes) : nil
        }
    }
}
