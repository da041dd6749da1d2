/// The measured agreement of judges with people: Cohen's kappa by suite, judge model and settings, with what it was
/// measured on.
public struct JudgeCalibrations: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var suite: String
        public var judge: JudgeIdentity

        public init(suite: String, judge: JudgeIdentity) {
            self.suite = suite
            self.judge = judge
        }
    }

    /// One measurement.
    public struct Measure: Sendable, Hashable {
        /// Nil when undefined (every label the same).
        public var kappa: Double?
        public var labels: Int
        /// ``JudgeCalibrations/fingerprint(of:)`` of the suite when it was measured.
        public var fingerprint: String?

        public init(kappa: Double?, labels: Int, fingerprint: String?) {
            self.kappa = kappa
            self.labels = labels
            self.fingerprint = fingerprint
        }
    }

    /// The fewest labels a kappa is trusted from.
    public static let minimumLabels = 20

    public var measures: [Key: Measure]

    public init(measures: [Key: Measure] = [:]) {
        self.measures = measures
    }

    /// What is known of the judge's agreement on `suite`.
    public enum Status: Sendable, Hashable {
        case never
        /// Measured before the suite's judge criteria or the prompt changed.
        case stale
        /// Measured on fewer than ``minimumLabels`` labels.
        case tooFewLabels(Int, kappa: Double?)
        /// Every label was the same.
        case undefined
        case measured(Double)
    }

    /// The status of `judge`'s measure on `suite`.
    public func status(suite: Suite, judge: JudgeIdentity) -> Status {
        guard let measure = measures[Key(suite: suite.name, judge: judge)] else { return .never }
        if measure.fingerprint != Self.fingerprint(of: suite) { return .stale }
        if measure.labels < Self.minimumLabels { return .tooFewLabels(measure.labels, kappa: measure.kappa) }
        return measure.kappa.map(Status.measured) ?? .undefined
    }

    /// Why the judge of a case of `suite` with `criteria` only advises, or nil when it decides: a `min_kappa` the
    /// measured kappa does not reach, or a measure that does not count (none, on too few labels, undefined, or taken
    /// before the suite's criteria changed).
    public func advice(_ criteria: JudgeCriteria, suite: Suite, judge: JudgeIdentity) -> String? {
        guard let minimum = criteria.minKappa else { return nil }
        switch status(suite: suite, judge: judge) {
        case .never: return "never calibrated"
        case .stale: return "calibrated before the suite's judge criteria or prompt changed"
        case let .tooFewLabels(labels, _): return "calibrated on \(labels) label(s), fewer than \(Self.minimumLabels)"
        case .undefined: return "kappa undefined (every label the same)"
        case let .measured(kappa): return kappa < minimum ? "kappa \(Self.format(kappa)) below \(Self.format(minimum))" : nil
        }
    }

    /// What a calibration of `suite` was measured for: the SHA-256 of the judge prompt's template and of each judged
    /// case's id, criteria and reference.
    public static func fingerprint(of suite: Suite) -> String {
        var text = JudgePrompt.template
        for testCase in suite.cases {
            guard let judge = testCase.judge else { continue }
            text += "\u{0}" + testCase.id + "\u{0}" + judge.criteria.joined(separator: "\u{1}") + "\u{0}" + (judge.reference ?? "")
        }
        return SHA256.hex(text)
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
