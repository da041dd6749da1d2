/// How an `explain` case is graded: a prose explanation that names what it must.
public struct ExplainCheck: CaseCheck {
    /// Phrases that must all appear (case-insensitive).
    public var mentions: [String]
    /// Phrases that must not appear (case-insensitive).
    public var forbids: [String]
    /// What a refusal or role-conflict apology does to the verdict.
    public var refusal: RefusalPolicy
    /// The criteria a model judge checks once the other checks pass.
    public var judge: JudgeCriteria?

    public init(mentions: [String] = [], forbids: [String] = [], refusal: RefusalPolicy = .fail, judge: JudgeCriteria? = nil) {
        self.mentions = mentions
        self.forbids = forbids
        self.refusal = refusal
        self.judge = judge
    }

    public enum RefusalPolicy: String, Sendable, Hashable, CaseIterable {
        /// A refusal fails the case even when an explanation follows.
        case fail
        /// Refusals are ignored; only mentions and forbids count.
        case allow
    }
}

extension ExplainCheck {
    /// `check` with its judge criteria replaced, when it is an explain check; else `check` as it is.
    public static func replacing(judge: JudgeCriteria?, in check: any CaseCheck) -> any CaseCheck {
        guard var explain = check as? ExplainCheck else { return check }
        explain.judge = judge
        return explain
    }

    public var reference: [CaseReference] {
        var parts: [CaseReference] = []
        if !mentions.isEmpty { parts.append(CaseReference("Must mention", mentions.joined(separator: "\n"))) }
        if !forbids.isEmpty { parts.append(CaseReference("Must not mention", forbids.joined(separator: "\n"))) }
        parts.append(CaseReference("Refusals", refusal == .fail ? "fail the answer" : "ignored"))
        if let judge {
            parts.append(CaseReference(
                "Judge criteria" + (judge.minKappa.map { " (min kappa \($0))" } ?? ""),
                judge.criteria.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")))
            if let reference = judge.reference { parts.append(CaseReference("Judge reference", reference)) }
        }
        return parts
    }
}

extension Case {
    /// The judge criteria of an explain case that has them.
    public var judge: JudgeCriteria? { (check as? ExplainCheck)?.judge }
}
