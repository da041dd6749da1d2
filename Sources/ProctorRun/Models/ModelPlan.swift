import Foundation
import ProctorCore
import ProctorProviders
import ProctorSuites

/// The models a run asks or replays, as plain values (from the command line or a run configuration), and the
/// response source they make.
public struct ModelPlan: Sendable {
    /// One model and its settings.
    public struct Model: Sendable {
        public var model: String
        public var baseURL: String
        public var apiKeyEnv: String
        public var settings: SamplingSettings
        public var samplesPerCase: Int?
        public var foldSystemPrompt: Bool
        public var prices: Prices?

        public init(
            model: String, baseURL: String = ModelPlan.defaultBaseURL, apiKeyEnv: String = ModelPlan.defaultAPIKeyEnv,
            settings: SamplingSettings = SamplingSettings(), samplesPerCase: Int? = nil, foldSystemPrompt: Bool = false,
            prices: Prices? = nil
        ) {
            self.model = model
            self.baseURL = baseURL
            self.apiKeyEnv = apiKeyEnv
            self.settings = settings
            self.samplesPerCase = samplesPerCase
            self.foldSystemPrompt = foldSystemPrompt
            self.prices = prices
        }
    }

    public static let defaultBaseURL = "https://api.openai.com/v1"
    public static let defaultAPIKeyEnv = "OPENAI_API_KEY"

    public var models: [Model]
    /// Suite variants to ask under; empty asks under the suites' own system prompts.
    public var variants: [String] = []
    public var mode: RecordingMode
    /// The folder of recordings (cassettes).
    public var responses: String
    /// The command that records what is missing, for the message a missing recording gives.
    public var recordCommand: String
    /// Seconds one request attempt may take.
    public var requestTimeout: Double = 60
    /// Most requests in flight at once.
    public var concurrency: Int = 4
    /// Start no new request once the recorded answers cost this many US dollars.
    public var maxCost: Double?

    public init(models: [Model], mode: RecordingMode, responses: String, recordCommand: String) {
        self.models = models
        self.mode = mode
        self.responses = responses
        self.recordCommand = recordCommand
    }

    /// The models of a run configuration.
    public static func models(of configuration: RunConfiguration) -> [Model] {
        configuration.models.map { entry in
            Model(
                model: entry.model, baseURL: entry.baseURL ?? defaultBaseURL, apiKeyEnv: entry.apiKeyEnv ?? defaultAPIKeyEnv,
                settings: SamplingSettings(
                    temperature: entry.temperature, topP: entry.topP, maxTokens: entry.maxTokens, seed: entry.seed,
                    stop: entry.stop.isEmpty ? nil : entry.stop),
                samplesPerCase: entry.samplesPerCase, foldSystemPrompt: entry.foldSystemPrompt,
                prices: entry.priceInput.flatMap { input in entry.priceOutput.map { Prices(inputPerMillion: input, outputPerMillion: $0) } })
        }
    }

    /// The response source of these models; `observer` is told about answers and retries.
    ///
    /// An API key is read only when the run may ask a model; it goes nowhere but the request header.
    public func source(observer: (any RecordingObserver)? = nil) -> MatrixResponseSource {
        MatrixResponseSource(sources: models.map { entry in
            var client: (any ChatClient)?
            if mode != .replay, let url = URL(string: entry.baseURL) {
                client = OpenAIClient(
                    baseURL: url, apiKey: ProcessInfo.processInfo.environment[entry.apiKeyEnv],
                    timeout: .milliseconds(Int64(requestTimeout * 1000)))
            }
            var source = ModelResponseSource(
                requests: ModelRequests(
                    provider: "openai", model: entry.model, settings: entry.settings, samplesPerCase: entry.samplesPerCase,
                    foldSystemPrompt: entry.foldSystemPrompt),
                directory: URL(fileURLWithPath: responses), mode: mode, client: client, concurrency: concurrency,
                recordCommand: recordCommand, prices: entry.prices, maxCost: maxCost)
            if !variants.isEmpty { source.variants = variants }
            source.observer = observer
            return source
        })
    }
}
