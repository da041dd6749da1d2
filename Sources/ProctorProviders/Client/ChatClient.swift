/// Sends chat requests to a model.
public protocol ChatClient: Sendable {
    /// The model's answer; throws ``ProviderError`` when there is none to record.
    func complete(_ request: ChatRequest) async throws -> ChatCompletion
    /// The same, telling `onRetry` about each failed attempt that is retried. By default nothing is retried.
    func complete(_ request: ChatRequest, onRetry: @escaping @Sendable (ChatRetry) -> Void) async throws -> ChatCompletion
}

extension ChatClient {
    public func complete(
        _ request: ChatRequest, onRetry: @escaping @Sendable (ChatRetry) -> Void
    ) async throws -> ChatCompletion {
        try await complete(request)
    }
}
