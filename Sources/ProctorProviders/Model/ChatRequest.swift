import Foundation
import ProctorCore

/// One request to a chat model, as recorded: everything that can change the answer.
public struct ChatRequest: Sendable, Hashable, Codable {
    /// The provider kind (`openai`): the same model name on two providers is two models.
    public var provider: String
    public var model: String
    public var messages: [ChatMessage]
    public var settings: SamplingSettings
    /// Which of a case's n samples this is (1-based): n samples are n independent requests.
    public var sample: Int

    public init(provider: String, model: String, messages: [ChatMessage], settings: SamplingSettings, sample: Int) {
        self.provider = provider
        self.model = model
        self.messages = messages
        self.settings = settings
        self.sample = sample
    }

    /// The SHA-256 of the request's canonical JSON (sorted keys): the recording's address.
    public func key() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex(String(decoding: try encoder.encode(self), as: UTF8.self))
    }
}
