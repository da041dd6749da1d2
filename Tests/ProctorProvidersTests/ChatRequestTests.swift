import ProctorProviders
import Testing

/// A recording's key covers everything that can change the answer, and nothing else.
@Suite struct ChatRequestTests {
    static let base = ChatRequest(
        provider: "openai", model: "gpt-4o-mini",
        messages: [ChatMessage(role: "system", content: "Python only."), ChatMessage(role: "user", content: "Add 2 and 3")],
        settings: SamplingSettings(temperature: 0.2, topP: 0.9, maxTokens: 64, seed: 1, stop: ["```"]), sample: 1)

    @Test func theSameRequestHasTheSameKey() throws {
        #expect(try Self.base.key() == (try Self.base.key()))
        #expect(try Self.base.key().count == 64)
    }

    @Test func everyPartChangesTheKey() throws {
        var variants: [ChatRequest] = []
        for change in 0..<9 {
            var request = Self.base
            switch change {
            case 0: request.provider = "vllm"
            case 1: request.model = "gpt-4o"
            case 2: request.messages[0].content = "Python only, don't explain."
            case 3: request.messages[1].content = "Add 2 and 4"
            case 4: request.settings.temperature = 0.3
            case 5: request.settings.topP = 1
            case 6: request.settings.maxTokens = 65
            case 7: request.settings.seed = 2
            default: request.sample = 2
            }
            variants.append(request)
        }
        let keys = Set(try variants.map { try $0.key() } + [try Self.base.key()])
        #expect(keys.count == 10)
    }
}
