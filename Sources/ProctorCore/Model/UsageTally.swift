import Foundation

/// Tokens and cost of a run's samples, as the console and the Markdown summary show them: the total, the cost of
/// the samples whose model has prices, and one tally per model in order of appearance.
public struct UsageTally: Sendable {
    /// Every sample's tokens; its cost is nil here, see ``cost``.
    public var total: Usage
    /// The cost of the samples with prices, or nil when none has any.
    public var cost: Double?
    /// Whether some samples have no prices, so ``cost`` covers only the others.
    public var partial: Bool
    /// Tokens and cost per model (`unspecified` when unnamed); a model's cost is nil when it has no prices.
    public var byModel: [(model: String, usage: Usage)]

    /// The tally of `results`, or nil when none records its usage.
    public init?(_ results: [GradedSample]) {
        let usages = results.compactMap { result in result.sample.usage.map { (result.sample.model ?? "unspecified", $0) } }
        guard var total = Usage.total(usages.map(\.1)) else { return nil }
        total.cost = nil
        self.total = total
        let priced = usages.filter { $0.1.cost != nil }
        cost = Usage.total(priced.map(\.1))?.cost
        partial = priced.count < usages.count
        var models: [String] = []
        for (model, _) in usages where !models.contains(model) { models.append(model) }
        byModel = models.compactMap { model in Usage.total(usages.filter { $0.0 == model }.map(\.1)).map { (model, $0) } }
    }

    /// Whether one line per model is worth showing: several models answered and some has prices.
    public var showsModels: Bool { byModel.count > 1 && cost != nil }
}

extension PassAtK {
    /// `pass@1 0.333, pass@3 0.667, pass^3 0.111`: the means over the cases with several samples, or nil when
    /// no case has several.
    public static func meansText(_ results: [GradedSample]) -> String? {
        let passAtK = mean(Array(byCase(results).values))
        guard !passAtK.isEmpty else { return nil }
        let passAllK = mean(Array(allPassByCase(results).values)).filter { $0.key > 1 }
        return (passAtK.sorted { $0.key < $1.key }.map { String(format: "pass@%d %.3f", $0.key, $0.value) }
            + passAllK.sorted { $0.key < $1.key }.map { String(format: "pass^%d %.3f", $0.key, $0.value) })
            .joined(separator: ", ")
    }
}
