import Foundation
import ProctorCore

/// Each sample's first-round verdict against its final one, over the samples whose case allowed repair: whether
/// feedback helps, per (model, variant) group, by an exact McNemar test on the same samples before and after.
public struct RepairComparison: Sendable {
    /// The figures of one (model, variant) group.
    public struct Figures: Sendable, Hashable {
        /// `model` or `model, variant`, as `compare` prints groups.
        public var group: String
        public var model: String?, variant: String?
        /// Samples whose case allowed repair, each paired with itself: first round against final.
        public var paired: Int
        public var firstPassed: Int, finalPassed: Int
        public var firstInterval: WilsonInterval, finalInterval: WilsonInterval
        /// Samples that failed in the first round and passed in the end, and the other way round (the loop stops
        /// at a pass, so `broken` should stay 0; it is counted so that it shows if it does not).
        public var fixed: Int, broken: Int
        /// Samples that took more than one round.
        public var repaired: Int
        public var pValue: Double

        public var firstRate: Double { paired == 0 ? 0 : Double(firstPassed) / Double(paired) }
        public var finalRate: Double { paired == 0 ? 0 : Double(finalPassed) / Double(paired) }

        /// The group as sentences name it: `[demo-model, explain-ok]`.
        public var name: String { "[\(group)]" }

        /// One line a person can act on: whether feedback helps this group, by how much, how sure; when the effect
        /// is not significant, whether it could have been with this many changed samples, and how many it would need.
        public var conclusion: String {
            let counts = "\(fixed) fixed, \(broken) broken of \(paired), p = \(Comparison.Figures.format(pValue))"
            if pValue < 0.05, fixed != broken {
                return fixed > broken
                    ? "feedback helps \(name) significantly: \(counts)"
                    : "feedback hurts \(name) significantly: \(counts)"
            }
            return "no significant effect of feedback on \(name): \(counts)"
                + Comparison.Figures.power(onlyA: broken, onlyB: fixed, paired: paired)
        }
    }

    /// A sample whose final verdict differs in passing from its first.
    public struct Change: Sendable, Hashable {
        public var result: GradedSample
        /// True for fail → pass, false for pass → fail.
        public var fixed: Bool { result.verdict.outcome == .pass }
    }

    /// The file's (model, variant) groups that have samples with repair, in order of appearance.
    public var groups: [Figures]
    /// Samples that changed between the first and the final round, in the file's order.
    public var changes: [Change]

    /// Pairs each of `results`' samples with repair rounds (``GradedSample/rounds`` not empty) with itself.
    public init(_ results: [GradedSample]) {
        let repairable = results.filter { !$0.rounds.isEmpty }
        var order: [String] = []
        var members: [String: [GradedSample]] = [:]
        for result in repairable {
            let group = result.sample.key.modelGroup
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(result)
        }
        groups = order.map { group in
            let rows = members[group] ?? []
            let firstPassed = rows.filter { $0.firstVerdict.outcome == .pass }.count
            let finalPassed = rows.filter { $0.verdict.outcome == .pass }.count
            let fixed = rows.filter { $0.firstVerdict.outcome != .pass && $0.verdict.outcome == .pass }.count
            let broken = rows.filter { $0.firstVerdict.outcome == .pass && $0.verdict.outcome != .pass }.count
            return Figures(
                group: group, model: rows.first?.sample.model, variant: rows.first?.sample.variant, paired: rows.count,
                firstPassed: firstPassed, finalPassed: finalPassed,
                firstInterval: WilsonInterval(successes: firstPassed, trials: rows.count),
                finalInterval: WilsonInterval(successes: finalPassed, trials: rows.count),
                fixed: fixed, broken: broken, repaired: rows.filter { $0.rounds.count > 1 }.count,
                pValue: McNemarTest.pValue(onlyA: broken, onlyB: fixed))
        }
        changes = repairable.filter { ($0.firstVerdict.outcome == .pass) != ($0.verdict.outcome == .pass) }.map(Change.init)
    }

    /// Reads the results file at `file` and pairs its samples' first and final rounds.
    ///
    /// Throws `BadInput` for a file that cannot be read, or one without any sample whose case allowed repair.
    public static func read(_ file: String) throws -> RepairComparison {
        let results = try ResultsReader.samples(URL(fileURLWithPath: file), displayPath: file)
        let comparison = RepairComparison(results)
        guard !comparison.groups.isEmpty else {
            throw BadInput(.error(
                "no repair rounds in \(file): none of its \(results.count) sample(s) comes from a case that allowed repair, "
                    + "so there is no first round to compare with the final one",
                at: SourceLocation(file: file),
                hint: "grade with `proctor run --repair N`, or give the cases `repair: N`, and compare that run's results"))
        }
        return comparison
    }
}
