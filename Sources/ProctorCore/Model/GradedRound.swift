/// One round of a repair loop: the answer, its verdict, and the feedback it drew when it did not pass.
public struct GradedRound: Sendable, Hashable {
    /// 1 for the first answer, 2 for the answer to the first feedback, ...
    public var round: Int
    public var response: String
    public var verdict: Verdict
    /// Tokens and cost of the request that produced this answer.
    public var usage: Usage?
    /// The user turn sent after this answer, when it was not the last.
    public var feedback: String?

    public init(round: Int, response: String, verdict: Verdict, usage: Usage? = nil, feedback: String? = nil) {
        self.round = round
        self.response = response
        self.verdict = verdict
        self.usage = usage
        self.feedback = feedback
    }
}

/// First-round against final pass rates of the samples whose cases allow repair: what feedback bought.
public struct RepairTally: Sendable, Hashable {
    /// `model, variant` of the samples counted, or nil for all of them.
    public var group: String?
    /// Samples whose case allows repair rounds.
    public var samples = 0
    public var passedFirst = 0
    public var passedFinal = 0
    /// Samples that took more than one round.
    public var repaired = 0

    public init(group: String?, samples: Int = 0, passedFirst: Int = 0, passedFinal: Int = 0, repaired: Int = 0) {
        self.group = group
        self.samples = samples
        self.passedFirst = passedFirst
        self.passedFinal = passedFinal
        self.repaired = repaired
    }

    public var firstRate: Double { samples == 0 ? 0 : Double(passedFirst) / Double(samples) }
    public var finalRate: Double { samples == 0 ? 0 : Double(passedFinal) / Double(samples) }

    /// `first round 2/6 (33.3%), after repair 5/6 (83.3%)`.
    public var text: String {
        "first round \(passedFirst)/\(samples) (\(Self.percent(firstRate))), after repair \(passedFinal)/\(samples) "
            + "(\(Self.percent(finalRate)))"
    }

    private static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }

    /// One tally per (model, variant) group of `results` with repair-enabled samples, in order of appearance.
    public static func byGroup(_ results: [GradedSample]) -> [RepairTally] {
        var order: [String] = []
        var tallies: [String: RepairTally] = [:]
        for result in results where !result.rounds.isEmpty {
            let group = result.sample.key.modelGroup
            if tallies[group] == nil { order.append(group) }
            var tally = tallies[group] ?? RepairTally(group: group)
            tally.add(result)
            tallies[group] = tally
        }
        return order.compactMap { tallies[$0] }
    }

    /// The tally of all of `results`, or nil when no case allowed repair.
    public static func total(_ results: [GradedSample]) -> RepairTally? {
        var tally = RepairTally(group: nil)
        for result in results where !result.rounds.isEmpty { tally.add(result) }
        return tally.samples == 0 ? nil : tally
    }

    private mutating func add(_ result: GradedSample) {
        samples += 1
        if result.firstVerdict.outcome == .pass { passedFirst += 1 }
        if result.verdict.outcome == .pass { passedFinal += 1 }
        if result.rounds.count > 1 { repaired += 1 }
    }

    /// One line per reason a repair loop stopped early, naming its first samples: for the reports' notes.
    public static func stoppedNotes(_ results: [GradedSample]) -> [String] {
        var byReason: [String: [String]] = [:]
        for result in results {
            if let reason = result.repairStopped { byReason[reason, default: []].append(result.sample.key.label()) }
        }
        return byReason.sorted { $0.key < $1.key }.map { reason, names in
            "repair: \(names.count) sample(s) stopped before their last round: \(reason) ("
                + names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", and \(names.count - 3) more" : "") + ")"
        }
    }
}
