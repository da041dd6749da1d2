/// The measured agreement of judges with people: Cohen's kappa by suite, judge model and settings.
public struct JudgeCalibrations: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var suite: String
        public var judge: JudgeIdentity

        public init(suite: String, judge: JudgeIdentity) {
            self.suite = suite
            self.judge = judge
        }
    }

    /// Kappa by key; nil when kappa is undefined (every label the same).
    public var kappas: [Key: Double?]

    public init(kappas: [Key: Double?] = [:]) {
        self.kappas = kappas
    }

    /// Whether the judge was calibrated on `suite`, and its kappa (nil inside: undefined).
    public func kappa(suite: String, judge: JudgeIdentity) -> Double?? {
        kappas[Key(suite: suite, judge: judge)]
    }
}
