/// How an `explain` case is graded: a prose explanation that names what it must.
public struct ExplainCheck: CaseCheck {
    /// Phrases that must all appear (case-insensitive).
    public var mentions: [String]
    /// Phrases that must not appear (case-insensitive).
    public var forbids: [String]
    /// What a refusal or role-conflict apology does to the verdict.
    public var refusal: RefusalPolicy

    public init(mentions: [String] = [], forbids: [String] = [], refusal: RefusalPolicy = .fail) {
        self.mentions = mentions
        self.forbids = forbids
        self.refusal = refusal
    }

    public enum RefusalPolicy: String, Sendable, Hashable, CaseIterable {
        /// A refusal fails the case even when an explanation follows.
        case fail
        /// Refusals are ignored; only mentions and forbids count.
        case allow
    }
}

extension ExplainCheck {
    public var reference: [CaseReference] {
        var parts: [CaseReference] = []
        if !mentions.isEmpty { parts.append(CaseReference("Must mention", mentions.joined(separator: "\n"))) }
        if !forbids.isEmpty { parts.append(CaseReference("Must not mention", forbids.joined(separator: "\n"))) }
        parts.append(CaseReference("Refusals", refusal == .fail ? "fail the answer" : "ignored"))
        return parts
    }
}
