import Foundation
import ProctorProviders
import ProctorTestSupport
import Testing

/// The live client against a real HTTP server on 127.0.0.1 that can be told to fail.
@Suite(.serialized) struct OpenAIClientTests {
    let server: ChatServer
    static let request = ChatRequest(
        provider: "openai", model: "tiny",
        messages: [ChatMessage(role: "system", content: "Be brief."), ChatMessage(role: "user", content: "Say hi")],
        settings: SamplingSettings(temperature: 0, maxTokens: 16, seed: 7, stop: ["\n\n"]), sample: 1)
    static let fast = RetryPolicy(attempts: 3, baseDelay: .milliseconds(10), maxDelay: .seconds(5))

    init() throws {
        server = try ChatServer()
    }

    func client(key: String? = "sk-test-4711", timeout: Duration = .seconds(10)) -> OpenAIClient {
        OpenAIClient(baseURL: server.baseURL, apiKey: key, timeout: timeout, retry: Self.fast)
    }

    @Test func sendsTheRequestAndReadsTheAnswer() async throws {
        try await server.control(["served_model": "tiny-2026-05-01"])
        let completion = try await client().complete(Self.request)
        #expect(completion.text == "echo: Say hi")
        #expect(completion.finishReason == "stop")
        #expect(completion.serverModel == "tiny-2026-05-01")
        #expect(completion.usage == TokenUsage(promptTokens: 4, completionTokens: 3))
        let received = try await server.requests()
        #expect(received.count == 1)
        let headers = try #require(received.first?["headers"] as? [String: String])
        #expect(headers["authorization"] == "Bearer sk-test-4711")
        let body = try #require(received.first?["body"] as? [String: Any])
        #expect(body["model"] as? String == "tiny")
        #expect(body["seed"] as? Int == 7)
        #expect(body["max_tokens"] as? Int == 16)
        #expect(body["stop"] as? [String] == ["\n\n"])
        #expect((body["messages"] as? [[String: String]])?.first?["role"] == "system")
    }

    @Test(arguments: ["status:500", "status:503", "malformed", "drop", "retry-after:0"])
    func retriesAPassingFailure(_ failure: String) async throws {
        try await server.control(["queue": [failure, "ok"]])
        let completion = try await client().complete(Self.request)
        #expect(completion.text == "echo: Say hi")
        #expect(try await server.requests().count == 2)
    }

    @Test func honoursRetryAfter() async throws {
        try await server.control(["queue": ["retry-after:1", "ok"]])
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await client().complete(Self.request)
        #expect(clock.now - start >= .milliseconds(950))
    }

    @Test func eachRetryIsToldWithItsCauseBeforeItsWait() async throws {
        try await server.control(["queue": ["status:503", "slow:3", "ok"]])
        let retries = Retries()
        let completion = try await client(timeout: .milliseconds(1500)).complete(Self.request) { retries.append($0) }
        #expect(completion.text == "echo: Say hi")
        let told = retries.all
        #expect(told.map(\.attempt) == [1, 2])
        #expect(told.allSatisfy { $0.attempts == 3 && $0.timeout == .milliseconds(1500) })
        #expect(told.first?.problem.hasPrefix("HTTP 503: ") == true && told.first?.timedOut == false)
        #expect(told.last?.problem == "timed out" && told.last?.timedOut == true)
    }

    /// Retries told from the client's task, read by the test.
    final class Retries: @unchecked Sendable {
        private let lock = NSLock()
        private var retries: [ChatRetry] = []

        func append(_ retry: ChatRetry) { lock.withLock { retries.append(retry) } }
        var all: [ChatRetry] { lock.withLock { retries } }
    }

    @Test func anUnboundedRetryAfterIsCappedNotATrap() async throws {
        try await server.control(["queue": ["retry-after:1e300", "ok"]])
        let client = OpenAIClient(
            baseURL: server.baseURL, apiKey: nil,
            retry: RetryPolicy(attempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(200)))
        #expect(try await client.complete(Self.request).text == "echo: Say hi")
    }

    @Test func retriesASlowAnswerAfterItsTimeout() async throws {
        try await server.control(["queue": ["slow:6", "ok"]])
        let clock = ContinuousClock()
        let start = clock.now
        let completion = try await client(timeout: .milliseconds(1500)).complete(Self.request)
        #expect(completion.text == "echo: Say hi")
        #expect(clock.now - start < .seconds(6))
    }

    @Test func givesUpAfterItsAttempts() async throws {
        try await server.control(["queue": ["status:500", "status:500", "status:500", "ok"]])
        do {
            _ = try await client().complete(Self.request)
            Issue.record("expected an error")
        } catch let error as ProviderError {
            #expect(error.kind == .unavailable)
            #expect(error.message.contains("after 3 attempts: HTTP 500"))
        }
        #expect(try await server.requests().count == 3)
    }

    @Test(arguments: [("status:401", "HTTP 401: Incorrect API key provided"), ("status:404", "HTTP 404: The model does not exist")])
    func aPermanentRefusalIsNotRetriedAndNamesNoSecret(_ failure: String, _ message: String) async throws {
        try await server.control(["queue": [failure, "ok"]])
        do {
            _ = try await client().complete(Self.request)
            Issue.record("expected an error")
        } catch let error as ProviderError {
            #expect(error.kind == .permanent)
            #expect(error.message.hasSuffix(message))
            #expect(!error.description.contains("sk-test-4711"))
        }
        #expect(try await server.requests().count == 1)
    }

    @Test func sendsNoAuthorizationWithoutAKey() async throws {
        _ = try await client(key: nil).complete(Self.request)
        let headers = try #require(try await server.requests().first?["headers"] as? [String: String])
        #expect(headers["authorization"] == nil)
    }
}
