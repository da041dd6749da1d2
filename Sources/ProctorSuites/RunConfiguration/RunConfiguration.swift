import ProctorCore

/// A run configuration file (`proctor.yaml`): the models, and the suite variants, one command grades.
public struct RunConfiguration: Sendable, Hashable {
    /// One model to ask, with its own endpoint, settings and prices.
    public struct Model: Sendable, Hashable {
        public var model: String
        public var baseURL: String?
        public var apiKeyEnv: String?
        public var temperature: Double?
        public var topP: Double?
        public var maxTokens: Int?
        public var seed: Int?
        public var stop: [String]
        public var samplesPerCase: Int?
        public var foldSystemPrompt: Bool
        public var priceInput: Double?
        public var priceOutput: Double?
        public var location: SourceLocation
    }

    public var models: [Model]
    /// Suite variants every model is asked under; empty asks with each suite's own system prompt.
    public var variants: [String]
    /// Pass-rate gates the configuration sets (`gates:`), checked with the command line's.
    public var gates: [PassRateGate] = []
    /// The judge of explain cases with `judge:` criteria (`judge:`), read like a model.
    public var judge: Model?
}
