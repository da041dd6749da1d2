/// How well binary verdicts agree with labels: the share that agree, Cohen's kappa and the confusion matrix.
public struct Agreement: Sendable, Hashable, Codable {
    /// Labelled pass, verdict pass.
    public var passPass = 0
    /// Labelled pass, verdict not pass.
    public var passFail = 0
    /// Labelled fail, verdict pass.
    public var failPass = 0
    /// Labelled fail, verdict not pass.
    public var failFail = 0

    public init() {}

    /// Counts one labelled verdict.
    public mutating func add(label: Bool, verdict: Bool) {
        switch (label, verdict) {
        case (true, true): passPass += 1
        case (true, false): passFail += 1
        case (false, true): failPass += 1
        case (false, false): failFail += 1
        }
    }

    public var total: Int { passPass + passFail + failPass + failFail }

    /// The share of verdicts equal to their label; 0 without any.
    public var agreement: Double { total == 0 ? 0 : Double(passPass + failFail) / Double(total) }

    /// Cohen's kappa: (observed − chance agreement) / (1 − chance agreement); nil when undefined, which is when every
    /// label is the same (or there is none).
    public var kappa: Double? {
        let n = Double(total)
        let labelledPass = passPass + passFail
        guard total > 0, labelledPass > 0, labelledPass < total else { return nil }
        let verdictPass = Double(passPass + failPass)
        let chance = (Double(labelledPass) * verdictPass + Double(total - labelledPass) * (n - verdictPass)) / (n * n)
        guard chance < 1 else { return nil }
        return (agreement - chance) / (1 - chance)
    }

    enum CodingKeys: String, CodingKey {
        case passPass = "label_pass_verdict_pass", passFail = "label_pass_verdict_fail"
        case failPass = "label_fail_verdict_pass", failFail = "label_fail_verdict_fail"
    }
}
