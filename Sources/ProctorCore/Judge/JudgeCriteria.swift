/// What a model judge checks in an explanation: criteria that must all be met, a reference explanation, and the
/// agreement with people below which the judge only advises.
public struct JudgeCriteria: Sendable, Hashable {
    public var criteria: [String]
    /// A model explanation the judge may compare with.
    public var reference: String?
    /// The least Cohen's kappa the judge must have measured against labels (`proctor calibrate`) to decide; below it,
    /// or never calibrated, the judge is advisory.
    public var minKappa: Double?

    public init(criteria: [String], reference: String? = nil, minKappa: Double? = nil) {
        self.criteria = criteria
        self.reference = reference
        self.minKappa = minKappa
    }
}

/// What the judge did in a run: how often it was asked, how often it gave no usable answer, and what it cost.
public struct JudgeTally: Sendable, Hashable {
    /// Answers the judge gave a verdict on, asked now or replayed.
    public var asked = 0
    /// Samples the judge decided as `error`: the judge's failure, counted apart (and as not passing).
    public var errors = 0
    /// Samples where it only advised.
    public var advisory = 0
    /// Of those, the ones where it said a criterion was not met, or gave no usable answer: what it would have failed.
    public var advisoryUnmet = 0
    public var advisoryErrors = 0
    public var usage: Usage?

    /// The tally of `results`, or nil when the judge was never asked.
    public static func of(_ results: [GradedSample]) -> JudgeTally? {
        var tally = JudgeTally()
        for result in results {
            guard let judge = result.verdict.details.judge else { continue }
            tally.asked += 1
            if result.verdict.details.kind == "judge-error" { tally.errors += 1 }
            if judge.advisory {
                tally.advisory += 1
                if judge.verdict == .fail { tally.advisoryUnmet += 1 }
                if judge.verdict == .error { tally.advisoryErrors += 1 }
            }
        }
        tally.usage = Usage.total(results.compactMap { $0.verdict.details.judge?.usage })
        return tally.asked == 0 ? nil : tally
    }

    /// `judged 6 answer(s), 1 judge error(s) (counted as not passing); 900 prompt + 120 completion tokens`: replayed judgements count.
    public var text: String {
        var parts = ["judged \(asked) answer(s)"]
        if errors > 0 { parts.append("\(errors) judge error(s) (counted as not passing)") }
        if advisory > 0 {
            let disagreed = [advisoryUnmet > 0 ? "\(advisoryUnmet) it said not met" : nil,
                             advisoryErrors > 0 ? "\(advisoryErrors) judge error(s)" : nil].compactMap { $0 }
            parts.append("\(advisory) advisory (decided by the other checks" + (disagreed.isEmpty ? "" : ": " + disagreed.joined(separator: ", ")) + ")")
        }
        var text = parts.joined(separator: ", ")
        if let usage {
            text += "; \(usage.promptTokens) prompt + \(usage.completionTokens) completion tokens"
                + (usage.cost.map { String(format: ", cost $%.4f", $0) } ?? "")
        }
        return text
    }
}
