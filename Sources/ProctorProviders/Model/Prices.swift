import ProctorCore

/// What a model's tokens cost, in US dollars per million.
public struct Prices: Sendable, Hashable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    public func cost(of usage: TokenUsage) -> Double {
        (Double(usage.promptTokens) * inputPerMillion + Double(usage.completionTokens) * outputPerMillion) / 1_000_000
    }

    /// The core's usage of a recorded answer: its tokens, priced when prices are known, and the call's latency
    /// (kept only with the tokens: a server that counts none leaves the answer without usage).
    public static func usage(_ tokens: TokenUsage?, at prices: Prices?, latency: Double? = nil) -> Usage? {
        tokens.map {
            Usage(promptTokens: $0.promptTokens, completionTokens: $0.completionTokens, cost: prices?.cost(of: $0),
                  latencyMilliseconds: latency)
        }
    }
}
