/// Sends chat requests to a model.
public protocol ChatClient: Sendable {
    /// The model's answer; throws ``ProviderError`` when there is none to record.
    func complete(_ request: ChatRequest) async throws -> ChatCompletion
}
