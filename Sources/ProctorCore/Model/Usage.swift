/// What asking the model for one sample consumed: tokens as the server counted them, and their price.
public struct Usage: Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int
    /// In US dollars, when the model's prices are known.
    public var cost: Double?

    public init(promptTokens: Int, completionTokens: Int, cost: Double? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cost = cost
    }

    /// The sum of `usages`; the cost is known only when every one's is.
    public static func total<S: Sequence>(_ usages: S) -> Usage? where S.Element == Usage {
        var total: Usage?
        for usage in usages {
            guard var sum = total else {
                total = usage
                continue
            }
            sum.promptTokens += usage.promptTokens
            sum.completionTokens += usage.completionTokens
            sum.cost = sum.cost.flatMap { known in usage.cost.map { known + $0 } }
            total = sum
        }
        return total
    }
}
