import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, llama.cpp, Ollama, LM Studio).
///
/// Retries 408, 429, 5xx, timeouts, dropped connections and malformed answers with exponential backoff and
/// jitter, honouring `Retry-After`; any other 4xx is permanent and thrown at once.
public struct OpenAIClient: ChatClient {
    /// The API root, e.g. `https://api.openai.com/v1`; requests go to `<baseURL>/chat/completions`.
    public var baseURL: URL
    /// The bearer token, if the server wants one. Never logged, recorded or put into an error message.
    let apiKey: String?
    /// How long one attempt may take.
    public var timeout: Duration
    public var retry: RetryPolicy
    private let session: URLSession

    public init(baseURL: URL, apiKey: String?, timeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.timeout = timeout
        self.retry = retry
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Self.seconds(timeout)
        configuration.timeoutIntervalForResource = Self.seconds(timeout)
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        try await complete(request, onRetry: { _ in })
    }

    public func complete(
        _ request: ChatRequest, onRetry: @escaping @Sendable (ChatRetry) -> Void
    ) async throws -> ChatCompletion {
        let body = try Self.body(of: request)
        var lastProblem = ""
        for attempt in 1...retry.attempts {
            let outcome = await send(body)
            switch outcome {
            case .success(let completion):
                return completion
            case .permanent(let message, let status):
                throw ProviderError(.permanent, redacted(message), status: status)
            case .transient(let message, let retryAfter, let timedOut):
                lastProblem = message
                guard attempt < retry.attempts else { break }
                let delay = retry.delay(beforeRetry: attempt, retryAfter: retryAfter)
                onRetry(ChatRetry(
                    attempt: attempt, attempts: retry.attempts, problem: redacted(message), timedOut: timedOut,
                    timeout: timeout, delay: delay))
                try await Task.sleep(for: delay)
            }
        }
        throw ProviderError(
            .unavailable, redacted("\(endpoint.absoluteString) gave no answer after \(retry.attempts) attempts: \(lastProblem)"))
    }

    private var endpoint: URL { baseURL.appendingPathComponent("chat/completions") }

    private enum Outcome {
        case success(ChatCompletion)
        case permanent(String, status: Int)
        case transient(String, retryAfter: Duration?, timedOut: Bool = false)
    }

    private func send(_ body: Data) async -> Outcome {
        var request = URLRequest(url: endpoint, timeoutInterval: Self.seconds(timeout))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        let clock = ContinuousClock()
        let start = clock.now
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            return .transient(Self.describe(error), retryAfter: nil, timedOut: (error as? URLError)?.code == .timedOut)
        }
        let elapsed = clock.now - start
        guard let http = response as? HTTPURLResponse else { return .transient("not an HTTP response", retryAfter: nil) }
        let status = http.statusCode
        switch status {
        case 200..<300:
            guard let completion = Self.completion(from: data, latency: elapsed) else {
                return .transient("malformed answer (HTTP \(status)): \(Self.snippet(data))", retryAfter: nil)
            }
            return .success(completion)
        case 408, 409, 429, 500...599:
            let retryAfter = http.value(forHTTPHeaderField: "Retry-After").flatMap(Self.retryAfter)
            return .transient("HTTP \(status): \(Self.errorMessage(data))", retryAfter: retryAfter)
        default:
            return .permanent(
                "\(endpoint.absoluteString) refused the request: HTTP \(status): \(Self.errorMessage(data))", status: status)
        }
    }

    static func body(of request: ChatRequest) throws -> Data {
        var object: [String: Any] = [
            "model": request.model,
            "messages": request.messages.map { ["role": $0.role, "content": $0.content] },
        ]
        let settings = request.settings
        if let value = settings.temperature { object["temperature"] = value }
        if let value = settings.topP { object["top_p"] = value }
        if let value = settings.maxTokens { object["max_tokens"] = value }
        if let value = settings.seed { object["seed"] = value }
        if let value = settings.stop, !value.isEmpty { object["stop"] = value }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The first choice's message, or nil when the answer is not a Chat Completions response.
    static func completion(from data: Data, latency: Duration) -> ChatCompletion? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let choices = object["choices"] as? [[String: Any]], let first = choices.first,
            let message = first["message"] as? [String: Any], let text = message["content"] as? String
        else { return nil }
        var usage: TokenUsage?
        if let counts = object["usage"] as? [String: Any], let prompt = counts["prompt_tokens"] as? Int,
            let completion = counts["completion_tokens"] as? Int
        {
            usage = TokenUsage(promptTokens: prompt, completionTokens: completion)
        }
        let (seconds, attoseconds) = latency.components
        return ChatCompletion(
            text: text, finishReason: first["finish_reason"] as? String, usage: usage,
            serverModel: object["model"] as? String,
            latencyMilliseconds: (Double(seconds) * 1000 + Double(attoseconds) / 1e15).rounded())
    }

    /// `Retry-After` in seconds or as an HTTP date.
    static func retryAfter(_ value: String) -> Duration? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            // A server's number, unbounded (`1e300`, `inf`): capped at a day before it becomes an Int64.
            return .milliseconds(Int64(min(seconds, 86_400) * 1000))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int64(min(max(0, date.timeIntervalSinceNow), 86_400) * 1000))
    }

    static func errorMessage(_ data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let error = object["error"] as? [String: Any], let message = error["message"] as? String
        {
            return String(message.prefix(300))
        }
        return snippet(data)
    }

    static func snippet(_ data: Data) -> String {
        let text = String(decoding: data.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return text.isEmpty ? "empty body" : text
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? URLError {
            switch error.code {
            case .timedOut: return "timed out"
            case .networkConnectionLost: return "the connection was dropped"
            case .cannotConnectToHost: return "cannot connect"
            case .badServerResponse: return "bad server response"
            default: return "network error \(error.code.rawValue)"
            }
        }
        return "network error: \(error.localizedDescription)"
    }

    /// `text` with every occurrence of the API key replaced.
    func redacted(_ text: String) -> String {
        guard let apiKey, !apiKey.isEmpty else { return text }
        return text.replacingOccurrences(of: apiKey, with: "[redacted]")
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
