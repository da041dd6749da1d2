/// What asking the model for one sample consumed: tokens as the server counted them, their price, and the time.
public struct Usage: Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int
    /// In US dollars, when the model's prices are known.
    public var cost: Double?
    /// Wall time of the model call that answered, in milliseconds, when it was recorded.
    public var latencyMilliseconds: Double?

    public init(promptTokens: Int, completionTokens: Int, cost: Double? = nil, latencyMilliseconds: Double? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cost = cost
        self.latencyMilliseconds = latencyMilliseconds
    }

    /// The sum of `usages`; the cost is known only when every one's is, the latency is the sum of those known.
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
            if let latency = usage.latencyMilliseconds { sum.latencyMilliseconds = (sum.latencyMilliseconds ?? 0) + latency }
            total = sum
        }
        return total
    }
}
