import Foundation
import ProctorCore

/// Responses of one model: replayed from its cassettes, or asked for and recorded.
///
/// In ``RecordingMode/replay`` no client is needed and none is used: a run is offline by construction.
public struct ModelResponseSource: ResponseSource, RepairSource {
    public var requests: ModelRequests
    /// The recordings folder (`fixtures/responses`).
    public var directory: URL
    public var mode: RecordingMode
    /// Asks the model; required unless replaying.
    public var client: (any ChatClient)?
    /// Most requests in flight at once.
    public var concurrency: Int
    /// How to re-record what is missing, for the message that lists it.
    public var recordCommand: String
    /// The suite variants to ask under (each a named system prompt); `[nil]` asks with each suite's own.
    public var variants: [String?] = [nil]
    /// The model's prices, for the cost of each sample.
    public var prices: Prices?
    /// No new request starts once the answers recorded in this run cost this much (US dollars); those in
    /// flight still finish, so the spend can pass it by up to `concurrency` answers.
    public var maxCost: Double?
    /// Told about each answer recorded and each retry while the model is asked.
    public var observer: (any RecordingObserver)?
    /// The cassettes of this run, shared with the repair rounds asked while grading.
    private let recorder = CassetteRecorder()

    public init(
        requests: ModelRequests, directory: URL, mode: RecordingMode, client: (any ChatClient)?, concurrency: Int = 4,
        recordCommand: String, prices: Prices? = nil, maxCost: Double? = nil
    ) {
        self.requests = requests
        self.directory = directory
        self.mode = mode
        self.client = client
        self.concurrency = max(1, concurrency)
        self.recordCommand = recordCommand
        self.prices = prices
        self.maxCost = maxCost
    }

    /// What a run would do: requests it would make, samples already recorded, and (replaying) samples without a
    /// recording, each of which stops a replay. Asks nothing.
    public func plan(for suites: [Suite]) throws -> (requests: Int, recorded: Int, unrecorded: Int) {
        let (cassettes, wanted) = try load(suites)
        let recorded = wanted.filter { cassettes[$0.suite.name]?.entries[$0.key] != nil }.count
        return (mode == .refresh ? wanted.count : mode == .record ? wanted.count - recorded : 0, recorded,
                mode == .replay ? wanted.count - recorded : 0)
    }

    typealias Wanted = (suite: Suite, testCase: Case, request: ChatRequest, key: String, variant: String?)

    /// The cassettes of the selected suites, and every request the run wants answered.
    private func load(_ suites: [Suite]) throws -> (cassettes: [String: Cassette], wanted: [Wanted]) {
        var cassettes: [String: Cassette] = [:]
        var diagnostics: [Diagnostic] = []
        var wanted: [Wanted] = []
        for suite in suites {
            let file = Cassette.file(in: directory, provider: requests.provider, model: requests.model, suite: suite.name)
            do {
                cassettes[suite.name] = try Cassette(file: file, below: directory)
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
            for variant in variants {
                if let variant, !suite.variants.contains(where: { $0.name == variant }) {
                    diagnostics.append(.error(
                        "suite '\(suite.name)' has no variant '\(variant)'", at: SourceLocation(file: suite.file.relativePath),
                        hint: "its variants: \(suite.variants.map(\.name).joined(separator: ", "))"))
                    continue
                }
                for (testCase, request) in requests.requests(for: suite, variant: variant) {
                    wanted.append((suite, testCase, request, try request.key(), variant))
                }
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        return (cassettes, wanted)
    }

    public func samples(for suites: [Suite]) async throws -> SampleBatch {
        var (cassettes, wanted) = try load(suites)
        await recorder.start(cassettes, prices: prices, caseOrders: Self.caseOrders(suites))
        let missing = wanted.filter { cassettes[$0.suite.name]?.entries[$0.key] == nil }
        let toAsk = mode == .refresh ? wanted : missing
        if !toAsk.isEmpty {
            guard mode != .replay, let client else {
                throw BadInput(missing.map {
                    .error("no recorded response for \($0.suite.name)/\($0.testCase.id) with model \(requests.model)"
                           + ($0.variant.map { ", variant \($0)" } ?? "")
                           + ($0.request.sample > 1 || ($0.testCase.samples ?? requests.samplesPerCase ?? 1) > 1
                              ? ", sample \($0.request.sample)" : ""),
                           at: $0.testCase.location, hint: "record it with `\(recordCommand)`")
                })
            }
            try await record(toAsk, with: client)
            try await recorder.sort()
            cassettes = await recorder.all()
        }
        let unanswered = wanted.filter { cassettes[$0.suite.name]?.entries[$0.key] == nil }
        if !unanswered.isEmpty {
            throw BadInput([.error(
                "budget reached: \(unanswered.count) request(s) not made; every answer received so far is kept",
                hint: "raise --max-cost, or run again with --record to go on where this run stopped")])
        }
        let samples = wanted.compactMap { item -> Sample? in
            guard let cassette = cassettes[item.suite.name], let entry = cassette.entries[item.key] else { return nil }
            var sample = Sample(
                suite: item.suite.name, caseID: item.testCase.id, sampleID: String(item.request.sample),
                model: requests.model, response: entry.response, origin: SourceLocation(file: cassette.displayPath),
                usage: Prices.usage(entry.usage, at: prices, latency: entry.latencyMilliseconds), variant: item.variant)
            sample.modelVersion = entry.serverModel
            return sample
        }
        var batch = SampleBatch(samples: samples)
        batch.repairs = self
        return batch
    }

    /// Each suite's case ids by their place in it, which orders its cassette.
    static func caseOrders(_ suites: [Suite]) -> [String: [String: Int]] {
        Dictionary(suites.map { suite in
            (suite.name, Dictionary(suite.cases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first }))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The answer of a repair round: replayed from the cassette under its ``RepairKey``, else asked for (unless
    /// replaying) and recorded.
    public func answer(_ request: RepairRequest) async throws -> RepairAnswer {
        let sample = request.sample
        let number = Int(sample.sampleID) ?? 1
        let first = try requests.request(for: request.testCase, in: request.suite, variant: sample.variant, sample: number)
        let key = try RepairKey(first: try first.key(), request: request).hex()
        let recordedNow = await recorder.recorded.contains(key)
        if mode != .refresh || recordedNow,
            let (entry, file) = await recorder.entry(suite: request.suite.name, key: key)
        {
            return .answered(response: entry.response, usage: Prices.usage(entry.usage, at: prices, latency: entry.latencyMilliseconds),
                             origin: SourceLocation(file: file), modelVersion: entry.serverModel)
        }
        let label = sample.key.label()
        guard mode != .replay, let client else {
            return .missing(.error(
                "no recorded response for round \(request.round) of \(label)", at: request.testCase.location,
                hint: "record it with `\(recordCommand)`"))
        }
        if let maxCost, await recorder.spent >= maxCost {
            return .missing(.error(
                "budget reached: round \(request.round) of \(label) not asked; every answer received so far is kept",
                hint: "raise --max-cost, or run again with --record to go on where this run stopped"))
        }
        let conversation = requests.request(
            for: request.testCase, in: request.suite, variant: sample.variant, sample: number, turns: request.turns)
        let observer = observer
        let completion: ChatCompletion
        do {
            completion = try await client.complete(conversation) { observer?.retrying(sample.key, $0) }
        } catch let error as ProviderError where error.kind == .permanent {
            throw BadInput(.error("\(error.message); recording stopped, every answer received so far is kept"))
        }
        let entry = CassetteEntry(
            key: key, request: conversation, suite: request.suite.name, caseID: request.testCase.id,
            variant: sample.variant, completion: completion, recordedAt: Date(), round: request.round)
        let file = try await recorder.record(entry)
        observer?.answered(sample.key, round: request.round)
        if let file { observer?.recorded(sample.key, round: request.round, in: file) }
        return .answered(response: entry.response, usage: Prices.usage(entry.usage, at: prices, latency: entry.latencyMilliseconds),
                         origin: nil, modelVersion: entry.serverModel)
    }

    public func finish() async throws {
        try await recorder.sort()
    }

    /// Asks for each request, at most `concurrency` at once, appending each answer as it arrives. A permanent
    /// refusal stops the recording (what was recorded stays) and is bad input: the key or model is wrong.
    private func record(_ items: [Wanted], with client: any ChatClient) async throws {
        let recorder = recorder
        let observer = observer
        let model = requests.model
        observer?.asking(requests: items.count, model: model)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 0
                func start() async {
                    guard next < items.count else { return }
                    if let maxCost, await recorder.spent >= maxCost { return }
                    let item = items[next]
                    next += 1
                    group.addTask {
                        let sample = SampleKey(
                            suite: item.suite.name, caseID: item.testCase.id, sampleID: String(item.request.sample),
                            model: model, variant: item.variant)
                        let completion = try await client.complete(item.request) { observer?.retrying(sample, $0) }
                        let file = try await recorder.record(CassetteEntry(
                            key: item.key, request: item.request, suite: item.suite.name, caseID: item.testCase.id,
                            variant: item.variant, completion: completion, recordedAt: Date()))
                        observer?.answered(sample)
                        if let file { observer?.recorded(sample, round: 1, in: file) }
                    }
                }
                for _ in 0..<concurrency { await start() }
                while try await group.next() != nil { await start() }
            }
        } catch let error as ProviderError where error.kind == .permanent {
            throw BadInput(.error("\(error.message); recording stopped, every answer received so far is kept"))
        }
    }
}
