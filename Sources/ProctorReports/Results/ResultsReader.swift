import Foundation
import ProctorCore

/// Reads a results file back into graded samples, everything the reports are rendered from included.
public enum ResultsReader {
    /// The graded samples of a results file and the run ids it names; `BadInput` with file and line otherwise.
    public static func read(_ url: URL, displayPath: String) throws -> (results: [GradedSample], runIDs: [String]) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BadInput(.error("cannot read results file: \(error.localizedDescription)", at: SourceLocation(file: displayPath)))
        }
        var results: [GradedSample] = []
        var runIDs: [String] = []
        var diagnostics: [Diagnostic] = []
        for (number, line) in JSONLines.lines(of: data) {
            let location = SourceLocation(file: displayPath, line: number)
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                let suite = object["suite"] as? String, let caseID = object["case"] as? String,
                let sampleID = object["sample"] as? String,
                let pattern = (object["pattern"] as? String).flatMap(Pattern.init(rawValue:)),
                let outcome = (object["verdict"] as? String).flatMap(Verdict.Outcome.init(rawValue:))
            else {
                diagnostics.append(.error(
                    "not a results line (suite, case, sample, pattern, verdict)", at: location,
                    hint: "read the results files that `proctor run --results` writes"))
                if diagnostics.count >= 20 { break }
                continue
            }
            var usage: Usage?
            if let prompt = object["prompt_tokens"] as? Int, let completion = object["completion_tokens"] as? Int {
                usage = Usage(promptTokens: prompt, completionTokens: completion, cost: object["cost_usd"] as? Double)
            }
            var sample = Sample(
                suite: suite, caseID: caseID, sampleID: sampleID, model: object["model"] as? String,
                response: object["response"] as? String ?? "", origin: location, usage: usage,
                variant: object["variant"] as? String)
            sample.modelVersion = object["model_version"] as? String
            let verdict = Verdict(
                outcome, object["reason"] as? String ?? "", extracted: object["extracted"] as? String,
                log: object["log"] as? String ?? "")
            results.append(GradedSample(
                sample: sample, pattern: pattern, verdict: verdict,
                duration: (object["duration_ms"] as? Double ?? 0) / 1000))
            if let runID = object["run_id"] as? String, !runIDs.contains(runID) { runIDs.append(runID) }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        return (results, runIDs)
    }
}
