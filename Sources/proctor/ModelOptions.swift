import ArgumentParser
import Foundation
import ProctorCore
import ProctorProviders
import ProctorRun
import ProctorSuites

/// The flags that choose a model, and whether `run` may ask it or only replays its recordings.
struct ModelOptions: ParsableArguments {
    enum Provider: String, ExpressibleByArgument, CaseIterable {
        case recorded, openai
    }

    @Option(help: ArgumentHelp(
        "recorded: every recording in --responses; openai: the recordings of --model, asked for with --record.",
        valueName: "kind"))
    var provider: Provider = .recorded

    @Option(help: ArgumentHelp(
        "A run configuration (proctor.yaml) naming several models and variants to grade side by side.",
        valueName: "file"))
    var config: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The OpenAI-compatible API root (POST <url>/chat/completions).", valueName: "url"))
    var baseURL: String = ModelOptions.defaultBaseURL

    @Option(help: ArgumentHelp("The model to ask, and whose recordings to replay (with --provider openai).", valueName: "name"))
    var model: String?

    @Option(name: .customLong("api-key-env"), help: ArgumentHelp(
        "The environment variable that holds the API key (the key itself is never a flag).", valueName: "var"))
    var apiKeyEnv: String = ModelOptions.defaultAPIKeyEnv

    @Flag(help: "Ask the model for every selected case that has no recording, and record its answers (the run then says how many, in which cassette files).")
    var record = false

    @Flag(help: "Refuse to open any socket: replay only (the default already does; this makes a script say so).")
    var offline = false

    @Flag(help: "Ask the model for every selected case again, and replace their recordings.")
    var refresh = false

    @Option(help: ArgumentHelp(
        "A suite variant (named system prompt) to ask under; repeat the flag to grade several side by side.",
        valueName: "name"))
    var variant: [String] = []

    @Option(help: ArgumentHelp("Sampling temperature sent with every request.", valueName: "t"))
    var temperature: Double?

    @Option(name: .customLong("top-p"), help: ArgumentHelp("Nucleus sampling sent with every request.", valueName: "p"))
    var topP: Double?

    @Option(name: .customLong("max-tokens"), help: ArgumentHelp("Most tokens per answer.", valueName: "n"))
    var maxTokens: Int?

    @Option(help: ArgumentHelp("Sampling seed sent with every request.", valueName: "n"))
    var seed: Int?

    @Option(help: ArgumentHelp("A stop sequence; repeat the flag for several.", valueName: "text"))
    var stop: [String] = []

    @Option(name: .customLong("samples-per-case"), help: ArgumentHelp(
        "Independent answers asked per case (default: the case's `samples:`, else 1; use a temperature above 0).",
        valueName: "n"))
    var samplesPerCase: Int?

    @Flag(name: .customLong("fold-system-prompt"), help: ArgumentHelp(
        "Put the system prompt at the top of the user message, for servers whose chat template drops system messages."))
    var foldSystemPrompt = false

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp(
        "Seconds one request attempt may take (default: 60).", valueName: "s"))
    var requestTimeout: Double?

    @Option(help: ArgumentHelp("Most requests to the model in flight at once (default: 4).", valueName: "n"))
    var concurrency: Int?

    @Option(name: .customLong("price-input"), help: ArgumentHelp(
        "US dollars per million prompt tokens of --model, for the cost of each sample.", valueName: "usd"))
    var priceInput: Double?

    @Option(name: .customLong("price-output"), help: ArgumentHelp(
        "US dollars per million completion tokens of --model.", valueName: "usd"))
    var priceOutput: Double?

    @Option(name: .customLong("max-cost"), help: ArgumentHelp(
        "Start no new request once this run's recorded answers cost this many US dollars (needs the prices).",
        valueName: "usd"))
    var maxCost: Double?

    @Flag(name: .customLong("dry-run"), help: ArgumentHelp(
        "Print how many requests the run would make, make none, grade nothing; replaying, exit 2 when a selected sample has no recording."))
    var dryRun = false

    /// `judging`: a judge is named, which `--record`/`--refresh` also fill without a model provider.
    func validate(samplesFile: String?, judging: Bool = false) throws {
        if record && refresh { throw ValidationError("--record and --refresh exclude each other") }
        if offline && (record || refresh) { throw ValidationError("--offline replays only; drop --record or --refresh") }
        if let requestTimeout, !(requestTimeout > 0 && requestTimeout <= 3600) {
            throw ValidationError("--request-timeout must be above 0 and at most 3600 (seconds)")
        }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let maxCost, !(maxCost > 0) { throw ValidationError("--max-cost must be above 0") }
        let perModel = model != nil || !variant.isEmpty || !stop.isEmpty || temperature != nil || topP != nil
            || maxTokens != nil || seed != nil || samplesPerCase != nil || foldSystemPrompt || priceInput != nil
            || priceOutput != nil
        if config != nil {
            if perModel || provider != .recorded {
                throw ValidationError("--config names the models, their settings and the variants; drop the per-model flags")
            }
            if samplesFile != nil { throw ValidationError("--samples grades a file; it cannot be combined with --config") }
            return
        }
        guard provider == .openai else {
            if perModel || ((record || refresh || maxCost != nil || requestTimeout != nil) && !judging) || dryRun
                || concurrency != nil
            {
                throw ValidationError(
                    "the model flags (--model, --record, --temperature, ...) need --provider openai; to record only a judge's answers, name it with --judge-model M --judge-base-url URL")
            }
            return
        }
        if samplesFile != nil { throw ValidationError("--samples grades a file; it cannot be combined with --provider openai") }
        guard let model, !model.isEmpty else { throw ValidationError("--provider openai needs --model NAME") }
        guard URL(string: baseURL)?.scheme.map({ $0 == "http" || $0 == "https" }) == true else {
            throw ValidationError("--base-url must be an http or https URL, e.g. http://127.0.0.1:8080/v1")
        }
        if let temperature, !(0...2).contains(temperature) { throw ValidationError("--temperature must be from 0 to 2") }
        if let topP, !(0...1).contains(topP) { throw ValidationError("--top-p must be from 0 to 1") }
        if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1") }
        if let samplesPerCase, samplesPerCase < 1 { throw ValidationError("--samples-per-case must be at least 1") }
        if Set(variant).count != variant.count { throw ValidationError("each --variant may be given once") }
        if (priceInput == nil) != (priceOutput == nil) { throw ValidationError("give both --price-input and --price-output") }
        if let priceInput, let priceOutput, priceInput < 0 || priceOutput < 0 {
            throw ValidationError("prices must not be negative")
        }
        if maxCost != nil, priceInput == nil { throw ValidationError("--max-cost needs --price-input and --price-output") }
    }

    /// The models' response source, or nil for `--provider recorded` without `--config`.
    ///
    /// `configuration` is `--config`'s file, loaded by the caller; `observer` is told about answers and retries.
    func source(
        responses: String, suitePaths: [String], configuration: RunConfiguration?, observer: (any RecordingObserver)? = nil
    ) -> MatrixResponseSource? {
        let mode: RecordingMode = refresh ? .refresh : record ? .record : .replay
        var plan: ModelPlan
        if let config, let configuration {
            let command = ["proctor", "run"] + suitePaths + ["--config", config]
                + (responses != "fixtures/responses" ? ["--responses", responses] : []) + ["--record"]
            plan = ModelPlan(
                models: ModelPlan.models(of: configuration), mode: mode, responses: responses,
                recordCommand: command.joined(separator: " "))
            plan.variants = configuration.variants
        } else {
            guard provider == .openai, let model else { return nil }
            var command = ["proctor", "run"] + suitePaths + ["--provider", "openai", "--base-url", baseURL, "--model", model]
            if apiKeyEnv != Self.defaultAPIKeyEnv { command += ["--api-key-env", apiKeyEnv] }
            if responses != "fixtures/responses" { command += ["--responses", responses] }
            command += variant.flatMap { ["--variant", $0] } + settingFlags + ["--record"]
            plan = ModelPlan(
                models: [ModelPlan.Model(
                    model: model, baseURL: baseURL, apiKeyEnv: apiKeyEnv,
                    settings: SamplingSettings(
                        temperature: temperature, topP: topP, maxTokens: maxTokens, seed: seed, stop: stop.isEmpty ? nil : stop),
                    samplesPerCase: samplesPerCase, foldSystemPrompt: foldSystemPrompt, prices: prices)],
                mode: mode, responses: responses, recordCommand: command.joined(separator: " "))
            plan.variants = variant
        }
        plan.requestTimeout = requestTimeout ?? 60
        plan.concurrency = concurrency ?? 4
        plan.maxCost = maxCost
        return plan.source(observer: observer)
    }

    static let defaultBaseURL = ModelPlan.defaultBaseURL
    static let defaultAPIKeyEnv = ModelPlan.defaultAPIKeyEnv

    var prices: Prices? {
        guard let priceInput, let priceOutput else { return nil }
        return Prices(inputPerMillion: priceInput, outputPerMillion: priceOutput)
    }

    /// The flags that are part of a recording's key, as given.
    private var settingFlags: [String] {
        var flags: [String] = []
        if let temperature { flags += ["--temperature", String(temperature)] }
        if let topP { flags += ["--top-p", String(topP)] }
        if let maxTokens { flags += ["--max-tokens", String(maxTokens)] }
        if let seed { flags += ["--seed", String(seed)] }
        for text in stop { flags += ["--stop", "'\(text)'"] }
        if let samplesPerCase, samplesPerCase > 1 { flags += ["--samples-per-case", String(samplesPerCase)] }
        if foldSystemPrompt { flags.append("--fold-system-prompt") }
        return flags
    }
}
