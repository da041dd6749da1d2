import Foundation
import ProctorCore

/// Two sides of a comparison graded on the same cases: pass rates with 95 % Wilson intervals, an exact
/// McNemar test on the samples both graded, and the cases that flipped.
public struct Comparison: Sendable {
    /// One side: a label and its graded samples.
    public struct Side: Sendable {
        /// What the side is: a results file's name (`base.jsonl`), or a model and variant (`demo-model, explain-ok`).
        public var label: String
        /// The label as sentences name it, readable beside numbers and other labels: a model and variant in
        /// brackets (`[demo-model, explain-ok]`), a file by its name.
        public var name: String
        public var rows: [GradedSample]

        public init(label: String, name: String? = nil, rows: [GradedSample]) {
            self.label = label
            self.name = name ?? label
            self.rows = rows
        }
    }

    /// The figures of one scope (everything, one suite, one pattern).
    public struct Figures: Sendable, Hashable {
        /// What the figures cover, for people: `all cases`, `suite school`, `pattern sql`.
        public var scope: String
        /// The suite or pattern name alone (the scope itself for everything).
        public var name: String
        /// Samples each side graded in the scope, and how many passed (paired or not).
        public var aGraded: Int, aPassed: Int, bGraded: Int, bPassed: Int
        public var aInterval: WilsonInterval, bInterval: WilsonInterval
        /// Samples both sides graded, and how many of those each passed.
        public var paired: Int, aPairedPassed: Int, bPairedPassed: Int
        /// Pairs only A passed, and only B.
        public var onlyA: Int, onlyB: Int
        public var pValue: Double

        /// One line a person can act on: who is better where, by how much, how sure; when the difference is not
        /// significant, whether it could have been with this many differing pairs, and how many it would need.
        public func verdict(a: String, b: String) -> String {
            guard paired > 0 else { return "no samples in common on \(scope)" }
            if pValue < 0.05, bPairedPassed != aPairedPassed {
                let (better, more, fewer) = bPairedPassed > aPairedPassed
                    ? (b, bPairedPassed, aPairedPassed) : (a, aPairedPassed, bPairedPassed)
                return "\(better) is better on \(scope): \(more) vs \(fewer) of \(paired) paired, p = \(Self.format(pValue))"
            }
            return "no significant difference on \(scope): \(a) passed \(aPairedPassed), \(b) passed \(bPairedPassed), of \(paired) paired, "
                + "p = \(Self.format(pValue))" + Self.power(onlyA: onlyA, onlyB: onlyB, paired: paired)
        }

        /// Why a paired test found nothing: too few differing pairs to ever reach p < 0.05, and how many pairs a
        /// difference of the observed size needs; empty when the sides are even.
        static func power(onlyA: Int, onlyB: Int, paired: Int) -> String {
            let differing = onlyA + onlyB
            var text = ""
            let fewest = McNemarTest.fewestDifferingPairs()
            if differing > 0 && differing < fewest {
                text += "; \(differing == 1 ? "only 1 pair differs" : "only \(differing) pairs differ"), "
                    + "and an exact McNemar test needs at least \(fewest) for p < 0.05"
            }
            if let needed = McNemarTest.pairsNeeded(onlyA: onlyA, onlyB: onlyB, paired: paired) {
                text += "; a difference of this size needs about \(needed) paired samples to reach p < 0.05"
            } else if differing > 0 && onlyA != onlyB {
                text += "; a difference of this size needs more than ten million paired samples to reach p < 0.05"
            }
            return text
        }

        static func format(_ p: Double) -> String {
            p < 0.001 ? "< 0.001" : String(format: "%.3f", p)
        }
    }

    /// A pair whose verdicts differ in passing.
    public struct Flip: Sendable, Hashable {
        public var suite: String, caseID: String, sample: String
        public var a: GradedSample, b: GradedSample
    }

    public var a: Side
    public var b: Side
    public var overall: Figures
    public var bySuite: [Figures]
    public var byPattern: [Figures]
    public var flips: [Flip]

    /// Compares `b` against `a`, pairing samples by suite, case and sample, and also by model and variant when
    /// a side holds several of those.
    public init(_ a: Side, _ b: Side) {
        self.a = a
        self.b = b
        let byGroup = Set(a.rows.map(\.sample.key.modelGroup)).count > 1 || Set(b.rows.map(\.sample.key.modelGroup)).count > 1
        func key(_ row: GradedSample) -> SampleKey {
            var key = row.sample.key
            if !byGroup { (key.model, key.variant) = (nil, nil) }
            return key
        }
        let bIndex = Dictionary(b.rows.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var pairs: [(GradedSample, GradedSample)] = []
        for row in a.rows { if let other = bIndex[key(row)] { pairs.append((row, other)) } }

        func figures(_ scope: String, _ name: String, _ include: (GradedSample) -> Bool) -> Figures {
            let aRows = a.rows.filter(include)
            let bRows = b.rows.filter(include)
            let scoped = pairs.filter { include($0.0) }
            let aPassed = aRows.filter { $0.verdict.outcome == .pass }.count
            let bPassed = bRows.filter { $0.verdict.outcome == .pass }.count
            let onlyA = scoped.filter { $0.0.verdict.outcome == .pass && $0.1.verdict.outcome != .pass }.count
            let onlyB = scoped.filter { $0.0.verdict.outcome != .pass && $0.1.verdict.outcome == .pass }.count
            return Figures(
                scope: scope, name: name, aGraded: aRows.count, aPassed: aPassed, bGraded: bRows.count, bPassed: bPassed,
                aInterval: WilsonInterval(successes: aPassed, trials: aRows.count),
                bInterval: WilsonInterval(successes: bPassed, trials: bRows.count),
                paired: scoped.count, aPairedPassed: scoped.filter { $0.0.verdict.outcome == .pass }.count,
                bPairedPassed: scoped.filter { $0.1.verdict.outcome == .pass }.count, onlyA: onlyA, onlyB: onlyB,
                pValue: McNemarTest.pValue(onlyA: onlyA, onlyB: onlyB))
        }
        overall = figures("all cases", "all cases") { _ in true }
        let suites = Self.ordered(a.rows.map(\.sample.suite) + b.rows.map(\.sample.suite))
        bySuite = suites.map { suite in figures("suite \(suite)", suite) { $0.sample.suite == suite } }
        let patterns = Self.ordered(a.rows.map(\.pattern.rawValue) + b.rows.map(\.pattern.rawValue))
        byPattern = patterns.map { pattern in figures("pattern \(pattern)", pattern) { $0.pattern.rawValue == pattern } }
        flips = pairs.filter { ($0.0.verdict.outcome == .pass) != ($0.1.verdict.outcome == .pass) }.map {
            Flip(suite: $0.0.sample.suite, caseID: $0.0.sample.caseID, sample: $0.0.sample.sampleID, a: $0.0, b: $0.1)
        }
    }

    private static func ordered(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
