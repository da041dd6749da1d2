import ArgumentParser
import Foundation
import ProctorCore
import ProctorProviders
import ProctorRun
import ProctorSuites

/// The flags that choose the judge of explain cases with `judge:` criteria.
struct JudgeOptions: ParsableArguments {
    @Option(name: .customLong("judge-model"), help: ArgumentHelp(
        "The judge model (default: the one model recorded under --judges).", valueName: "name"))
    var model: String?

    @Option(name: .customLong("judge-base-url"), help: ArgumentHelp(
        "The judge's OpenAI-compatible API root, used when it may be asked (--record, --refresh).", valueName: "url"))
    var baseURL: String = ModelPlan.defaultBaseURL

    @Option(name: .customLong("judge-api-key-env"), help: ArgumentHelp(
        "The environment variable that holds the judge's API key.", valueName: "var"))
    var apiKeyEnv: String = ModelPlan.defaultAPIKeyEnv

    @Option(name: .customLong("judge-price-input"), help: ArgumentHelp(
        "US dollars per million prompt tokens of the judge.", valueName: "usd"))
    var priceInput: Double?

    @Option(name: .customLong("judge-price-output"), help: ArgumentHelp(
        "US dollars per million completion tokens of the judge.", valueName: "usd"))
    var priceOutput: Double?

    @Option(help: ArgumentHelp(
        "Folder of judge recordings (<dir>/<judge model>/<suite>.jsonl) and of calibration.json.", valueName: "dir"))
    var judges: String = JudgePlan.defaultDirectory

    @Flag(name: .customLong("no-judge"), help: ArgumentHelp(
        "proctor run: decide explain cases with `judge:` criteria by their other checks alone, and say so in the reports."))
    var noJudge = false

    /// What a run with judged cases and no judge is told: the judges recorded under `--judges`, if any.
    var missingJudgeHint: String {
        let recorded = JudgePlan.recordedFolders(in: judges).map(\.lastPathComponent)
        let found = recorded.isEmpty ? "none is recorded in \(judges)/"
            : "\(judges)/ holds \(recorded.count) (\(recorded.joined(separator: ", "))), so none is picked by itself"
        return "name one with --judge-model M (\(found)), or decide them by their other checks with --no-judge"
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: judges, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--judges must be a folder of judge recordings, not a file: \(judges)")
        }
        guard URL(string: baseURL)?.scheme.map({ $0 == "http" || $0 == "https" }) == true else {
            throw ValidationError("--judge-base-url must be an http or https URL, e.g. http://127.0.0.1:8080/v1")
        }
        if (priceInput == nil) != (priceOutput == nil) { throw ValidationError("give both --judge-price-input and --judge-price-output") }
        if let priceInput, let priceOutput, priceInput < 0 || priceOutput < 0 {
            throw ValidationError("judge prices must not be negative")
        }
    }

    /// The judge plan: `--judge-model`, else `configured` (a run configuration's `judge:`), else the one judge
    /// recorded under `--judges`; nil when there is none. `command` is the command line that records what is
    /// missing, without `--record`.
    func plan(
        mode: RecordingMode, command: [String], maxCost: Double?, configured: RunConfiguration.Model? = nil
    ) -> JudgePlan? {
        var plan: JudgePlan
        let prices = priceInput.flatMap { input in priceOutput.map { Prices(inputPerMillion: input, outputPerMillion: $0) } }
        if model == nil, let configured {
            plan = JudgePlan(
                model: configured.model, baseURL: configured.baseURL ?? ModelPlan.defaultBaseURL,
                apiKeyEnv: configured.apiKeyEnv ?? ModelPlan.defaultAPIKeyEnv,
                settings: SamplingSettings(
                    temperature: configured.temperature ?? 0, topP: configured.topP, maxTokens: configured.maxTokens,
                    seed: configured.seed ?? 0, stop: configured.stop.isEmpty ? nil : configured.stop),
                prices: configured.priceInput.flatMap { input in
                    configured.priceOutput.map { Prices(inputPerMillion: input, outputPerMillion: $0) }
                } ?? prices,
                directory: judges, mode: mode,
                recordCommand: (command + (judges != JudgePlan.defaultDirectory ? ["--judges", judges] : []) + ["--record"])
                    .joined(separator: " "))
        } else if model == nil {
            // A judge found as the one recorded is only replayed: it may be no model at all (the shipped hand judge).
            guard let name = JudgePlan.recordedModel(in: judges) else { return nil }
            plan = JudgePlan(
                model: name, prices: prices, directory: judges, mode: .replay, recordCommand: "")
            plan.missingHint = "the judge \(name) was used because it is the one recorded in \(judges)/, and it is only "
                + "replayed: name a judge to ask with --judge-model M --judge-base-url URL --record, or decide these "
                + "cases by their other checks with --no-judge"
        } else {
            guard let name = model else { return nil }
            var flags = ["--judge-model", name, "--judge-base-url", baseURL]
            if apiKeyEnv != ModelPlan.defaultAPIKeyEnv { flags += ["--judge-api-key-env", apiKeyEnv] }
            if judges != JudgePlan.defaultDirectory { flags += ["--judges", judges] }
            plan = JudgePlan(
                model: name, baseURL: baseURL, apiKeyEnv: apiKeyEnv, prices: prices, directory: judges, mode: mode,
                recordCommand: (command + flags + ["--record"]).joined(separator: " "))
        }
        plan.maxCost = maxCost
        return plan
    }

    /// The calibrations stored under `--judges`.
    var calibrations: JudgeCalibrations {
        get throws {
            try CalibrationStore(file: URL(fileURLWithPath: judges).appendingPathComponent("calibration.json")).calibrations()
        }
    }
}
