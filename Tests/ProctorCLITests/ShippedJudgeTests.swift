import Foundation
import Testing

/// The shipped judge: hand-written answers recorded under fixtures/judge/hand-judge (scripts/record-hand-judge),
/// replayed offline by a plain `proctor run` and `proctor calibrate` in the repository.
@Suite(.serialized) struct ShippedJudgeTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    /// The stored calibration of the shipped judge on the explain suite.
    func stored() throws -> [String: Any] {
        let data = try Data(contentsOf: ProctorCLI.root.appendingPathComponent("fixtures/judge/calibration.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try #require(object["calibrations"] as? [[String: Any]])
        return try #require(entries.first { $0["suite"] as? String == "explain" && $0["judge_model"] as? String == "hand-judge" })
    }

    @Test func calibratingOnTheShippedLabelsOfflineReproducesTheStoredKappa() throws {
        let output = try ProctorCLI.run(
            ["calibrate", "fixtures/labels/explain.jsonl", "--suites", "suites/explain.yaml", "--json", "--no-save"])
        #expect(output.status == 0, "\(output.stderr)")
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let judge = try #require(measured["judge"] as? [String: Any])
        #expect(judge["model"] as? String == "hand-judge")
        #expect(judge["settings"] as? String == "seed=0 temperature=0")
        let suite = try #require((measured["suites"] as? [[String: Any]])?.first)
        #expect(suite["suite"] as? String == "explain")
        #expect(suite["judge_errors"] as? Int == 0)
        let alone = try #require(suite["judge"] as? [String: Any])
        let stored = try stored()
        let kappa = try #require(alone["kappa"] as? Double)
        #expect(abs(kappa - (try #require(stored["kappa"] as? Double))) < 1e-12)
        #expect(abs((alone["agreement"] as? Double ?? -1) - (stored["agreement"] as? Double ?? -2)) < 1e-12)
        #expect(suite["labels"] as? Int == stored["labels"] as? Int)
        // At least 40 labels, and the shipped judge measures high enough to decide the cases (min_kappa 0.6).
        #expect((suite["labels"] as? Int ?? 0) >= 40)
        #expect(kappa >= 0.6)
        // A good but imperfect judge: it disagrees with the reviewer on a few labels, both ways.
        let confusion = try #require(alone["confusion"] as? [String: Int])
        #expect(confusion["label_pass_verdict_fail"] ?? 0 > 0 && confusion["label_fail_verdict_pass"] ?? 0 > 0)
        #expect(kappa < 1)

        let text = try ProctorCLI.run(["calibrate", "fixtures/labels/explain.jsonl", "--suites", "suites/explain.yaml", "--no-save"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("judge alone: agreement 90.0%, kappa 0.793"), "\(text.stdout)")
    }

    @Test func theShippedRunCarriesTheJudgeInItsScorecardAndSummary() throws {
        let flags = ["--junit", out.appendingPathComponent("junit.xml").path,
                     "--results", out.appendingPathComponent("results.jsonl").path,
                     "--summary", out.appendingPathComponent("summary.md").path, "--no-history"]
        let output = try ProctorCLI.run(["run", "suites/explain.yaml"] + flags)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("judge: hand-judge (seed=0 temperature=0), kappa explain=0.793; judged 8 answer(s)"),
                "\(output.stdout)")
        let junit = try String(contentsOf: out.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<property name=\"judge_model\" value=\"hand-judge\"/>"))
        #expect(junit.contains("<property name=\"judge_settings\" value=\"seed=0 temperature=0\"/>"))
        #expect(junit.contains("<property name=\"judge_kappa\" value=\"explain=0.793\"/>"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("hand-judge (seed=0 temperature=0), measured kappa explain=0.793"), "\(summary)")
        // The judge decides (kappa above min_kappa 0.6): the four right explanations pass it, in both prompts that
        // give one; the refusals, code-only answers and the sorting answer fail before it is asked.
        let lines = try String(contentsOf: out.appendingPathComponent("results.jsonl"), encoding: .utf8).split(separator: "\n")
        let judged = lines.filter { $0.contains("\"judge\":") }
        #expect(judged.count == 8)
        #expect(!summary.contains("advisory"))
    }

    @Test func noJudgeDecidesByWordsAndSaysSo() throws {
        let output = try ProctorCLI.run(
            ["run", "suites/explain.yaml", "--no-judge", "--no-history",
             "--junit", out.appendingPathComponent("j.xml").path, "--results", out.appendingPathComponent("r.jsonl").path,
             "--summary", out.appendingPathComponent("s.md").path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect((output.stdout + output.stderr).contains("--no-judge: 4 explain case(s) with `judge:` criteria decided by their other checks alone"))
    }
}
