import Foundation
import ProctorCore

/// A judge model asked over the Chat Completions API, its answers recorded in `<judges>/<model>/<suite>.jsonl` and
/// replayed offline by default.
///
/// A recording is addressed by the request's key: the judge model, the message (template, criteria, reference and
/// the response judged) and the settings — never the model under test or its variant, which the judge never sees.
public struct ModelJudge: Judge {
    public var provider: String
    public var model: String
    /// Temperature 0 and seed 0 unless configured.
    public var settings: SamplingSettings
    /// The judge recordings folder (`fixtures/judge`).
    public var directory: URL
    public var mode: RecordingMode
    /// Asks the judge; required unless replaying.
    public var client: (any ChatClient)?
    /// How to record what is missing, for the message that lists it.
    public var recordCommand: String
    /// The judge's prices, for its cost.
    public var prices: Prices?
    /// No judge request starts once the judge's answers recorded in this run cost this much (US dollars).
    public var maxCost: Double?
    public var observer: (any RecordingObserver)?
    /// What to do about a missing recording, when recording it again is not the answer (a judge only replayed).
    public var missingHint: String?
    private let recorder = CassetteRecorder()
    private let inFlight = JudgeRequests()

    public init(
        model: String, settings: SamplingSettings = ModelJudge.defaultSettings, directory: URL, mode: RecordingMode,
        client: (any ChatClient)?, recordCommand: String, provider: String = "openai", prices: Prices? = nil,
        maxCost: Double? = nil
    ) {
        self.provider = provider
        self.model = model
        self.settings = settings
        self.directory = directory
        self.mode = mode
        self.client = client
        self.recordCommand = recordCommand
        self.prices = prices
        self.maxCost = maxCost
    }

    /// Temperature 0, seed 0.
    public static let defaultSettings = SamplingSettings(temperature: 0, seed: 0)

    public var identity: JudgeIdentity { JudgeIdentity(model: model, settings: Self.describe(settings)) }

    /// `seed=0 temperature=0`: the settings given, sorted by name.
    static func describe(_ settings: SamplingSettings) -> String {
        var parts: [String] = []
        if let maxTokens = settings.maxTokens { parts.append("max_tokens=\(maxTokens)") }
        if let seed = settings.seed { parts.append("seed=\(seed)") }
        if let stop = settings.stop { parts.append("stop=\(stop.joined(separator: ","))") }
        if let temperature = settings.temperature { parts.append("temperature=\(number(temperature))") }
        if let topP = settings.topP { parts.append("top_p=\(number(topP))") }
        return parts.joined(separator: " ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `<directory>/<model>/<suite>.jsonl`, names made safe for a path.
    public static func file(in directory: URL, model: String, suite: String) -> URL {
        directory.appendingPathComponent(Cassette.safe(model)).appendingPathComponent(Cassette.safe(suite) + ".jsonl")
    }

    public func start(_ suites: [Suite]) async throws {
        var cassettes: [String: Cassette] = [:]
        var diagnostics: [Diagnostic] = []
        for suite in suites where suite.cases.contains(where: { $0.judge != nil }) {
            do {
                cassettes[suite.name] = try Cassette(file: Self.file(in: directory, model: model, suite: suite.name), below: directory)
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        await recorder.start(cassettes, prices: prices, caseOrders: ModelResponseSource.caseOrders(suites))
    }

    /// Answers one question; the same question asked again while it is in flight, or later in the run, gets the
    /// same answer: one request, one recording, one verdict.
    public func answer(_ request: JudgeRequest) async throws -> JudgeReply {
        let chat = ChatRequest(
            provider: provider, model: model, messages: [ChatMessage(role: "user", content: request.message)],
            settings: settings, sample: 1)
        let key = try chat.key()
        return try await inFlight.answer(key) { try await self.ask(request, chat: chat, key: key) }
    }

    /// The recorded answer to `chat` (addressed by `key`), else the judge's, recorded.
    private func ask(_ request: JudgeRequest, chat: ChatRequest, key: String) async throws -> JudgeReply {
        let recordedNow = await recorder.recorded.contains(key)
        if mode != .refresh || recordedNow, let (entry, _) = await recorder.entry(suite: request.suite, key: key) {
            return .answered(text: entry.response, usage: Prices.usage(entry.usage, at: prices))
        }
        guard mode != .replay, let client else {
            throw BadInput(.error(
                "no recorded judge answer for \(request.suite)/\(request.caseID) with judge \(model)", at: request.location,
                hint: missingHint ?? "record it with `\(recordCommand)`"))
        }
        if let maxCost, await recorder.spent >= maxCost {
            throw BadInput(.error(
                "budget reached: the judge was not asked about \(request.suite)/\(request.caseID); every answer received so far is kept",
                hint: "raise --max-cost, or run again with --record to go on where this run stopped"))
        }
        let completion: ChatCompletion
        do {
            completion = try await client.complete(chat) { _ in }
        } catch let error as ProviderError {
            if error.kind == .permanent && !error.refusesThisRequest {
                throw BadInput(.error(
                    "judge \(model) refused to judge \(request.suite)/\(request.caseID): \(error.message)", at: request.location,
                    hint: "check --judge-model, --judge-base-url and --judge-api-key-env"))
            }
            return .unreachable(error.message)
        }
        let entry = CassetteEntry(
            key: key, request: chat, suite: request.suite, caseID: request.caseID, variant: nil, completion: completion,
            recordedAt: Date())
        _ = try await recorder.record(entry)
        return .answered(text: entry.response, usage: Prices.usage(entry.usage, at: prices))
    }

    public func finish() async throws {
        try await recorder.sort()
    }
}

/// The judge's questions of one run by key: the first asks, the others wait for its answer.
actor JudgeRequests {
    private var answers: [String: Task<JudgeReply, any Error>] = [:]

    func answer(_ key: String, _ ask: @escaping @Sendable () async throws -> JudgeReply) async throws -> JudgeReply {
        if let task = answers[key] { return try await task.value }
        let task = Task { try await ask() }
        answers[key] = task
        return try await task.value
    }
}
