import ProctorCore

/// The requests a run makes of one model: one per case and sample index.
public struct ModelRequests: Sendable {
    public var provider: String
    public var model: String
    public var settings: SamplingSettings
    /// Samples asked per case; nil asks each case's own `samples:` (default 1).
    public var samplesPerCase: Int?
    /// Whether the system prompt goes at the top of the user message instead of a `system` message
    /// (for servers whose chat template drops system messages, such as llama.cpp's gemma format).
    public var foldSystemPrompt: Bool

    public init(
        provider: String, model: String, settings: SamplingSettings = SamplingSettings(), samplesPerCase: Int? = nil,
        foldSystemPrompt: Bool = false
    ) {
        self.provider = provider
        self.model = model
        self.settings = settings
        self.samplesPerCase = samplesPerCase.map { max(1, $0) }
        self.foldSystemPrompt = foldSystemPrompt
    }

    /// The messages that pose `testCase` with the system prompt `system`.
    public func messages(for testCase: Case, system: String?) -> [ChatMessage] {
        guard let system, !system.isEmpty else { return [ChatMessage(role: "user", content: testCase.prompt)] }
        if foldSystemPrompt { return [ChatMessage(role: "user", content: system + "\n\n" + testCase.prompt)] }
        return [ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: testCase.prompt)]
    }

    /// The request of sample `sample` of `testCase` in `suite` under `variant`, after the repair turns `turns`
    /// (none for the first answer): the first turn's messages, then each answer and the feedback it drew.
    public func request(
        for testCase: Case, in suite: Suite, variant: String?, sample: Int, turns: [RepairTurn] = []
    ) -> ChatRequest {
        var messages = messages(for: testCase, system: suite.system(for: testCase, variant: variant))
        for turn in turns {
            messages.append(ChatMessage(role: "assistant", content: turn.answer))
            messages.append(ChatMessage(role: "user", content: turn.feedback))
        }
        return ChatRequest(provider: provider, model: model, messages: messages, settings: settings, sample: sample)
    }

    /// Every request of `suite` under `variant` (a named system prompt of the suite, or nil for its own), in case
    /// order, then sample order.
    public func requests(for suite: Suite, variant: String? = nil) -> [(testCase: Case, request: ChatRequest)] {
        suite.cases.flatMap { testCase in
            let messages = messages(for: testCase, system: suite.system(for: testCase, variant: variant))
            return (1...max(1, samplesPerCase ?? testCase.samples ?? 1)).map { index in
                (testCase, ChatRequest(provider: provider, model: model, messages: messages, settings: settings, sample: index))
            }
        }
    }
}
