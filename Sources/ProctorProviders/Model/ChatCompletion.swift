/// What a chat model answered to one request.
public struct ChatCompletion: Sendable, Hashable, Codable {
    /// The assistant message's text.
    public var text: String
    /// `stop`, `length`, ... as the server reported it.
    public var finishReason: String?
    public var usage: TokenUsage?
    /// The model (version) the server says answered.
    public var serverModel: String?
    /// Wall time of the successful attempt, in milliseconds.
    public var latencyMilliseconds: Double

    public init(text: String, finishReason: String?, usage: TokenUsage?, serverModel: String?, latencyMilliseconds: Double) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
        self.serverModel = serverModel
        self.latencyMilliseconds = latencyMilliseconds
    }
}

/// Tokens a request consumed, as the server counted them.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
    }
}
