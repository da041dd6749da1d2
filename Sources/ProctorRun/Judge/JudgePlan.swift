import Foundation
import ProctorCore
import ProctorProviders

/// The judge of a run or a calibration, as plain values (from flags or a run configuration), and the judge it makes.
public struct JudgePlan: Sendable {
    public var model: String
    public var baseURL: String
    public var apiKeyEnv: String
    public var settings: SamplingSettings
    public var prices: Prices?
    /// The judge recordings folder (`fixtures/judge`).
    public var directory: String
    public var mode: RecordingMode
    /// The command that records what is missing, for the message a missing recording gives.
    public var recordCommand: String
    /// Seconds one request attempt may take.
    public var requestTimeout: Double = 60
    /// Start no new judge request once its recorded answers cost this many US dollars.
    public var maxCost: Double?
    /// What a missing recording's diagnostic says to do instead of recording it (a judge that is only replayed).
    public var missingHint: String?

    public init(
        model: String, baseURL: String = ModelPlan.defaultBaseURL, apiKeyEnv: String = ModelPlan.defaultAPIKeyEnv,
        settings: SamplingSettings = ModelJudge.defaultSettings, prices: Prices? = nil,
        directory: String = JudgePlan.defaultDirectory, mode: RecordingMode, recordCommand: String
    ) {
        self.model = model
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.settings = settings
        self.prices = prices
        self.directory = directory
        self.mode = mode
        self.recordCommand = recordCommand
    }

    public static let defaultDirectory = "fixtures/judge"

    /// The judge; an API key is read only when it may be asked.
    public func judge() -> ModelJudge {
        var client: (any ChatClient)?
        if mode != .replay, let url = URL(string: baseURL) {
            client = OpenAIClient(
                baseURL: url, apiKey: ProcessInfo.processInfo.environment[apiKeyEnv],
                timeout: .milliseconds(Int64(requestTimeout * 1000)))
        }
        var judge = ModelJudge(
            model: model, settings: settings, directory: URL(fileURLWithPath: directory), mode: mode, client: client,
            recordCommand: recordCommand, prices: prices, maxCost: maxCost)
        judge.missingHint = missingHint
        return judge
    }

    /// The one judge model recorded in `directory` (its one subfolder), which a run replays when it names none.
    public static func recordedModel(in directory: String) -> String? {
        let url = URL(fileURLWithPath: directory)
        let folders = recordedFolders(in: directory)
        guard folders.count == 1 else { return nil }
        // The folder's name is the model's made safe for a path (`org/judge` → `org_judge`): the recordings say which.
        let files = (try? FileManager.default.contentsOfDirectory(at: folders[0], includingPropertiesForKeys: nil)) ?? []
        for file in files.sorted(by: { $0.path < $1.path }) where file.pathExtension == "jsonl" {
            guard let data = try? FileContents.read(file), let (_, line) = JSONLines.lines(of: data).first,
                let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any],
                let model = object["model"] as? String, ModelJudge.file(in: url, model: model, suite: "x").deletingLastPathComponent().lastPathComponent == folders[0].lastPathComponent
            else { continue }
            return model
        }
        return folders[0].lastPathComponent
    }

    /// The judge folders under `directory` (one per judge model recorded), by name.
    public static func recordedFolders(in directory: String) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(
            at: URL(fileURLWithPath: directory), includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])) ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
