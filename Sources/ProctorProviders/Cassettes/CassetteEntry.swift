import Foundation

/// One recorded answer: one line of a cassette, and a line of the samples format too (`suite`, `case`,
/// `sample`, `model`, `response`), so every recording also grades as a plain recorded response.
public struct CassetteEntry: Sendable, Hashable, Codable {
    /// The request's address, ``ChatRequest/key()``.
    public var key: String
    public var provider: String
    public var suite: String
    public var caseID: String
    public var sample: String
    public var model: String
    /// The suite variant (named system prompt) asked under, if any.
    public var variant: String?
    /// The round of a repair loop this answers (2 and up); absent for the first answer.
    public var round: Int?
    /// What was asked, for a reviewer: the messages and the settings.
    public var request: RequestSummary
    public var response: String
    public var finishReason: String?
    public var usage: TokenUsage?
    public var latencyMilliseconds: Double
    /// The model (version) the server said answered.
    public var serverModel: String?
    /// ISO 8601, UTC.
    public var recordedAt: String

    public struct RequestSummary: Sendable, Hashable, Codable {
        public var messages: [ChatMessage]
        public var settings: SamplingSettings
    }

    enum CodingKeys: String, CodingKey {
        case key, provider, suite, sample, model, variant, round, request, response, usage
        case caseID = "case"
        case finishReason = "finish_reason"
        case latencyMilliseconds = "latency_ms"
        case serverModel = "server_model"
        case recordedAt = "recorded_at"
    }

    public init(
        key: String, request: ChatRequest, suite: String, caseID: String, variant: String?, completion: ChatCompletion,
        recordedAt: Date, round: Int? = nil
    ) {
        self.round = round
        self.key = key
        provider = request.provider
        self.suite = suite
        self.caseID = caseID
        sample = String(request.sample)
        model = request.model
        self.variant = variant
        self.request = RequestSummary(messages: request.messages, settings: request.settings)
        response = completion.text
        finishReason = completion.finishReason
        usage = completion.usage
        latencyMilliseconds = completion.latencyMilliseconds
        serverModel = completion.serverModel
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        self.recordedAt = formatter.string(from: recordedAt)
    }

    /// The entry as one JSON line, keys sorted, so files diff well.
    public func line() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
