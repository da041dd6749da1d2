import Foundation
import ProctorCore
import ProctorRun

/// Paths of the repository and scratch folders for the ProctorRun tests.
enum RunFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Reports without a history, under `folder`.
    static func reports(in folder: URL, name: String = "run") -> ReportPaths {
        ReportPaths(
            junit: folder.appendingPathComponent("\(name).xml").path,
            results: folder.appendingPathComponent("\(name).jsonl").path,
            summary: folder.appendingPathComponent("\(name).md").path)
    }

    /// The shipped recorded responses.
    static var recorded: RecordedResponseSource {
        RecordedResponseSource(directory: root.appendingPathComponent("fixtures/responses"))
    }

    /// The shipped judge recordings and their calibrations (`fixtures/judge`).
    static let judges = root.appendingPathComponent(JudgePlan.defaultDirectory)

    /// `plan` with the shipped judge — the one judge model recorded under `fixtures/judge` (the hand judge), replayed
    /// offline — and its measured kappa, as a plain `proctor run` in the repository has them.
    static func judged(_ plan: EvaluationPlan) throws -> EvaluationPlan {
        guard let model = JudgePlan.recordedModel(in: judges.path) else {
            throw BadInput(.error("no judge model recorded under \(judges.path)"))
        }
        var plan = plan
        plan.judge = JudgePlan(
            model: model, directory: judges.path, mode: .replay, recordCommand: "scripts/record-hand-judge").judge()
        plan.calibrations = try CalibrationStore(file: judges.appendingPathComponent("calibration.json")).calibrations()
        return plan
    }

    /// The objects of a results file, without what differs between two runs of the same samples.
    static func comparableLines(_ path: String) throws -> [NSDictionary] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSMutableDictionary ?? [:]
            object.removeObjects(forKeys: ["run_id", "duration_ms"])
            return object
        }
    }
}
