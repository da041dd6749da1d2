import ArgumentParser
import Foundation
import ProctorCore
import ProctorProviders
import ProctorRun

/// The flags that choose the judge of explain cases with `judge:` criteria.
struct JudgeOptions: ParsableArguments {
    @Option(name: .customLong("judge-model"), help: ArgumentHelp(
        "The judge model (default: the one model recorded under --judges).", valueName: "name"))
    var model: String?

    @Option(name: .customLong("judge-base-url"), help: ArgumentHelp(
        "The judge's OpenAI-compatible API root (default: --base-url's default).", valueName: "url"))
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

    func validate() throws {
        guard URL(string: baseURL)?.scheme.map({ $0 == "http" || $0 == "https" }) == true else {
            throw ValidationError("--judge-base-url must be an http or https URL, e.g. http://127.0.0.1:8080/v1")
        }
        if (priceInput == nil) != (priceOutput == nil) { throw ValidationError("give both --judge-price-input and --judge-price-output") }
        if let priceInput, let priceOutput, priceInput < 0 || priceOutput < 0 {
            throw ValidationError("judge prices must not be negative")
        }
    }

    /// The judge plan: `--judge-model`, else the one judge recorded under `--judges`; nil when there is neither.
    /// `command` is the command line that records what is missing, without `--record`.
    func plan(mode: RecordingMode, command: [String], maxCost: Double?) -> JudgePlan? {
        guard let name = model ?? JudgePlan.recordedModel(in: judges) else { return nil }
        var flags = ["--judge-model", name]
        if baseURL != ModelPlan.defaultBaseURL { flags += ["--judge-base-url", baseURL] }
        if apiKeyEnv != ModelPlan.defaultAPIKeyEnv { flags += ["--judge-api-key-env", apiKeyEnv] }
        if judges != JudgePlan.defaultDirectory { flags += ["--judges", judges] }
        var plan = JudgePlan(
            model: name, baseURL: baseURL, apiKeyEnv: apiKeyEnv,
            prices: priceInput.flatMap { input in priceOutput.map { Prices(inputPerMillion: input, outputPerMillion: $0) } },
            directory: judges, mode: mode, recordCommand: (command + flags + ["--record"]).joined(separator: " "))
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
