import Foundation
import ProctorTestSupport
import Testing

/// The explain judge through `proctor run` and `proctor calibrate`: recorded from the Chat Completions test server on
/// 127.0.0.1, replayed with it gone.
@Suite(.serialized) struct JudgeCommandTests {
    let out: URL
    let suite: URL
    let judges: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
        judges = out.appendingPathComponent("judges")
        suite = out.appendingPathComponent("explain.yaml")
        try """
            suite: ex
            defaults:
              judge: {min_kappa: 0.5}
            cases:
              - id: join
                pattern: explain
                prompt: "SELECT s.name FROM students s JOIN departments d ON d.id = s.department_id. Explain the above SQL statement."
                mentions: [students]
                judge:
                  criteria: [says which students are listed, mentions the join]
            """.write(to: suite, atomically: true, encoding: .utf8)
    }

    static let right = "It lists the students of each department by joining students to departments on the id."
    static let vague = "It lists some students from the students table, which is a fine thing to do."
    static let refusal = "Sorry, as a code assistant in Python, I cannot explain SQL statements."
    static let met = #"{"verdict": "pass", "criteria": [{"criterion": 1, "met": true}, {"criterion": 2, "met": true}]}"#
    static let unmet = #"{"verdict": "fail", "criteria": [{"criterion": 1, "met": false, "reason": "vague"}, {"criterion": 2, "met": false, "reason": "no join"}]}"#

    func write(_ name: String, _ lines: [[String: String]]) throws -> URL {
        let url = out.appendingPathComponent(name)
        let text = try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        try (text.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func flags(_ name: String) -> [String] {
        ["--judges", judges.path, "--junit", out.appendingPathComponent("\(name).xml").path,
         "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path, "--no-history",
         "--html", out.appendingPathComponent("\(name).html").path]
    }

    func verdicts(_ name: String) throws -> [String] {
        try String(contentsOf: out.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n").map {
            let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            return "\(object["model"] ?? "") \(object["verdict"] ?? ""): \(object["reason"] ?? "")"
        }
    }

    @Test func aRunRecordsTheJudgeThenReplaysItAndCalibrationDecidesWhetherItDecides() async throws {
        let samples = try write("samples.jsonl", [
            ["case": "join", "model": "secret-model-7", "variant": "", "response": Self.right],
            ["case": "join", "model": "other-model", "response": Self.vague],
            ["case": "join", "model": "third-model", "response": Self.refusal],
        ].map { $0.filter { !$0.value.isEmpty } })
        let noJudge = try ProctorCLI.run(["run", suite.path, "--samples", samples.path] + flags("none"))
        #expect(noJudge.status == 2)
        #expect(noJudge.stderr.contains("1 explain case(s) have `judge:` criteria, but the run has no judge"))

        let server = try ChatServer()
        try await server.control(["answers": ["by joining": Self.met, "fine thing": Self.unmet]])
        let recorded = try ProctorCLI.run(
            ["run", suite.path, "--samples", samples.path, "--judge-model", "judge-1", "--judge-base-url",
             server.baseURL.absoluteString, "--record"] + flags("recorded"))
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let bodies = try await server.requests().map { String(decoding: try JSONSerialization.data(withJSONObject: $0["body"] ?? [:]), as: UTF8.self) }
        #expect(bodies.count == 2, "the refusal fails before the judge is asked")
        #expect(bodies.allSatisfy { !$0.contains("secret-model-7") && !$0.contains("other-model") }, "the judge never sees the model")
        // Never calibrated, with min_kappa: the judge only advises.
        let recordedVerdicts = try verdicts("recorded")
        #expect(recordedVerdicts == [
            "secret-model-7 pass: mentions all of 1 terms; judge (advisory, never calibrated): all 2 criteria met",
            "other-model pass: mentions all of 1 terms; judge (advisory, never calibrated): not met: 1. says which students are listed (vague); 2. mentions the join (no join)",
            "third-model fail: refusal: \"Sorry, as a code assistant in Python, I cannot explain SQL statements.\"",
        ], "\(recordedVerdicts)")
        #expect(recorded.stdout.contains("judge: judge-1 (seed=0 temperature=0), kappa ex=never calibrated; judged 2 answer(s), 2 advisory"))

        // Calibrate on 21 labels: the judge agrees with every one, so kappa is 1 and it decides from now on.
        let labels = try write("labels.jsonl", [
            ["suite": "ex", "case": "join", "response": Self.right, "verdict": "pass"],
            ["suite": "ex", "case": "join", "response": Self.vague, "verdict": "fail"],
            ["suite": "ex", "case": "join", "response": Self.refusal, "verdict": "fail"],
        ] + (1...9).flatMap { number in [
            ["suite": "ex", "case": "join", "response": Self.right + " (\(number))", "verdict": "pass"],
            ["suite": "ex", "case": "join", "response": Self.vague + " (\(number))", "verdict": "fail"],
        ] })
        try await server.control(["answers": ["by joining": Self.met, "fine thing": Self.unmet, "Sorry": Self.unmet]])
        let calibrated = try ProctorCLI.run(
            ["calibrate", labels.path, "--suites", suite.path, "--judges", judges.path, "--judge-model", "judge-1",
             "--judge-base-url", server.baseURL.absoluteString, "--record", "--json"])
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let measures = try #require(try JSONSerialization.jsonObject(with: Data(calibrated.stdout.utf8)) as? [String: Any])
        let overall = try #require(measures["overall"] as? [String: Any])
        #expect((overall["judge"] as? [String: Any])?["kappa"] as? Double == 1)
        #expect(((overall["check"] as? [String: Any])?["confusion"] as? [String: Int])?["label_fail_verdict_fail"] == 11)
        let stored = try String(contentsOf: judges.appendingPathComponent("calibration.json"), encoding: .utf8)
        #expect(stored.contains("\"judge_model\" : \"judge-1\"") && stored.contains("\"suite\" : \"ex\""))

        // Replay with the server gone: the judge now decides.
        let replayed = try ProctorCLI.run(["run", suite.path, "--samples", samples.path, "--judge-model", "judge-1"] + flags("replayed"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try verdicts("replayed") == [
            "secret-model-7 pass: mentions all of 1 terms; judge: all 2 criteria met",
            "other-model fail: judge: not met: 1. says which students are listed (vague); 2. mentions the join (no join)",
            "third-model fail: refusal: \"Sorry, as a code assistant in Python, I cannot explain SQL statements.\"",
        ])
        let junit = try String(contentsOf: out.appendingPathComponent("replayed.xml"), encoding: .utf8)
        #expect(junit.contains(#"<property name="judge_model" value="judge-1"/>"#))
        #expect(junit.contains(#"<property name="judge_kappa" value="ex=1.000"/>"#))
        let summary = try String(contentsOf: out.appendingPathComponent("replayed.md"), encoding: .utf8)
        #expect(summary.contains("Judge: judge-1 (seed=0 temperature=0), measured kappa ex=1.000; judged 2 answer(s)"))

        // The judge is the default when it is the only one recorded; --no-judge says what it left to the words.
        let byDefault = try ProctorCLI.run(["run", suite.path, "--samples", samples.path] + flags("default"))
        #expect(try verdicts("default") == (try verdicts("replayed")), "\(byDefault.stderr)")
        let off = try ProctorCLI.run(["run", suite.path, "--samples", samples.path, "--no-judge"] + flags("off"))
        #expect(off.status == 0)
        #expect(off.stderr.contains("--no-judge: 1 explain case(s) with `judge:` criteria decided by their other checks alone"))
        let offJUnit = try String(contentsOf: out.appendingPathComponent("off.xml"), encoding: .utf8)
        #expect(offJUnit.contains(#"<property name="judge" value="--no-judge: 1 explain case(s)"#))
        let compared = try ProctorCLI.run([
            "compare", out.appendingPathComponent("off.jsonl").path, out.appendingPathComponent("replayed.jsonl").path])
        #expect(compared.stderr.contains("warning: the sides' explanations were judged differently: off.jsonl by no judge; replayed.jsonl by judge-1 (seed=0 temperature=0)"))

        // Shards merged: the merged reports still name the judge.
        for index in 1...2 {
            let shard = try ProctorCLI.run(["run", suite.path, "--samples", samples.path, "--judge-model", "judge-1", "--shard", "\(index)/2"]
                + flags("shard\(index)"))
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merged = try ProctorCLI.run(["merge", out.appendingPathComponent("shard1.jsonl").path, out.appendingPathComponent("shard2.jsonl").path,
                                         "--suites", suite.path, "--no-history", "--junit", out.appendingPathComponent("merged.xml").path,
                                         "--results", out.appendingPathComponent("merged.jsonl").path,
                                         "--summary", out.appendingPathComponent("merged.md").path,
                                         "--html", out.appendingPathComponent("merged.html").path])
        #expect(merged.status == 0, "\(merged.stderr)")
        let mergedJUnit = try String(contentsOf: out.appendingPathComponent("merged.xml"), encoding: .utf8)
        #expect(mergedJUnit.contains(#"<property name="judge_model" value="judge-1"/>"#))
        #expect(mergedJUnit.contains(#"<property name="judge_settings" value="seed=0 temperature=0"/>"#))

        // A response the judge never saw: replay stops with the command that records it.
        let other = try write("other.jsonl", [["case": "join", "response": "It shows students, nothing more to say here."]])
        let missing = try ProctorCLI.run(["run", suite.path, "--samples", other.path] + flags("missing"))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no recorded judge answer for ex/join with judge judge-1"))
        #expect(missing.stderr.contains("the judge judge-1 was used because it is the one recorded in \(judges.path)/, and it is only replayed"))
        let named = try ProctorCLI.run(["run", suite.path, "--samples", other.path, "--judge-model", "judge-1"] + flags("named"))
        #expect(named.status == 2 && named.stderr.contains("--judge-model judge-1 --judge-base-url https://api.openai.com/v1 --judges \(judges.path) --record`"), "\(named.stderr)")
    }

    @Test func oneQuestionIsAskedOnceAndARefusedOneIsThatSamplesJudgeError() async throws {
        let samples = try write("same.jsonl", (1...4).map { ["case": "join", "model": "m\($0)", "response": Self.right] }
            + [["case": "join", "model": "long", "response": Self.vague]])
        let server = try ChatServer()
        try await server.control(["answers": ["by joining": Self.met], "queue": ["slow:1", "status:400"]])
        let result = try ProctorCLI.run(
            ["run", suite.path, "--samples", samples.path, "--judge-model", "judge-3", "--judge-base-url",
             server.baseURL.absoluteString, "--record", "--jobs", "4"] + flags("once"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try await server.requests().count == 2, "four samples with one response ask the judge once")
        let lines = try verdicts("once")
        #expect(lines.filter { $0.hasSuffix("judge (advisory, never calibrated): all 2 criteria met") }.count == 4)
        #expect(lines.contains { $0.hasPrefix("long pass: mentions all of 1 terms; judge (advisory, never calibrated): the judge could not be asked") })

        let priced = try ProctorCLI.run(
            ["run", suite.path, "--samples", samples.path, "--judge-model", "judge-3", "--judge-base-url",
             server.baseURL.absoluteString, "--record", "--max-cost", "1"] + flags("priced"))
        #expect(priced.status == 2 && priced.stderr.contains("--max-cost needs the judge's prices too"))
        let inside = try ProctorCLI.run(["run", suite.path, "--responses", out.path, "--judges", out.appendingPathComponent("j").path])
        #expect(inside.status == 2 && inside.stderr.contains("--judges must be outside --responses"))
    }

    @Test func aRunConfigurationNamesTheJudge() async throws {
        let server = try ChatServer()
        try await server.control(["answers": ["Explain the above": Self.right, "by joining": Self.met]])
        let config = out.appendingPathComponent("proctor.yaml")
        try """
            models:
              - {model: small, base_url: "\(server.baseURL.absoluteString)"}
            judge: {model: judge-2, base_url: "\(server.baseURL.absoluteString)", max_tokens: 200}
            """.write(to: config, atomically: true, encoding: .utf8)
        let responses = out.appendingPathComponent("responses").path
        let recorded = try ProctorCLI.run(
            ["run", suite.path, "--config", config.path, "--record", "--responses", responses] + flags("config"))
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(try verdicts("config") == ["small pass: mentions all of 1 terms; judge (advisory, never calibrated): all 2 criteria met"])
        let judged = try await server.requests().compactMap { $0["body"] as? [String: Any] }.filter { $0["model"] as? String == "judge-2" }
        #expect(judged.count == 1)
        #expect(judged.first?["temperature"] as? Double == 0 && judged.first?["seed"] as? Int == 0 && judged.first?["max_tokens"] as? Int == 200)
        #expect(FileManager.default.fileExists(atPath: judges.appendingPathComponent("judge-2/ex.jsonl").path))
        let replayed = try ProctorCLI.run(["run", suite.path, "--config", config.path, "--responses", responses] + flags("config-replay"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try verdicts("config-replay") == (try verdicts("config")))
    }

    @Test func aDamagedCalibrationOrABadJudgeEntryIsBadInputNamingTheFile() throws {
        let samples = try write("one.jsonl", [["case": "join", "response": Self.right]])
        try FileManager.default.createDirectory(at: judges.appendingPathComponent("judge-1"), withIntermediateDirectories: true)
        try "{\"calibrations\": 3}".write(to: judges.appendingPathComponent("calibration.json"), atomically: true, encoding: .utf8)
        let damaged = try ProctorCLI.run(["run", suite.path, "--samples", samples.path, "--judge-model", "judge-1"] + flags("damaged"))
        #expect(damaged.status == 2)
        #expect(damaged.stderr.contains("\(judges.path)/calibration.json: error: not a judge calibration file"), "\(damaged.stderr)")
        #expect(damaged.stderr.contains("run `proctor calibrate LABELS` to write it again"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("damaged.jsonl").path), "nothing graded or written")

        let config = out.appendingPathComponent("bad-judge.yaml")
        try """
            models: [{model: small}]
            judge:
              base_url: http://127.0.0.1:9/v1
              samples_per_case: 2
            """.write(to: config, atomically: true, encoding: .utf8)
        let bad = try ProctorCLI.run(["run", suite.path, "--config", config.path] + flags("bad-judge"))
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(config.path):4:3: error: unknown key `samples_per_case` in the judge"), "\(bad.stderr)")
        #expect(bad.stderr.contains("\(config.path):3:3: error: the judge needs `model:`") || bad.stderr.contains("the judge needs `model:`"))
    }

    @Test func badLabelsNameTheirLine() throws {
        let labels = out.appendingPathComponent("bad.jsonl")
        try """
            {"suite": "ex", "case": "join", "response": "x", "verdict": "maybe"}
            {"suite": "ex", "case": "nope", "response": "x", "verdict": "pass"}
            not json
            {"suite": "ex", "case": "join", "response": "y", "verdict": "pass"}
            {"suite": "ex", "case": "join", "response": "y", "verdict": "fail"}
            {"suite": "ex", "case": "join", "response": "y", "verdict": "pass"}
            """.write(to: labels, atomically: true, encoding: .utf8)
        let result = try ProctorCLI.run(["calibrate", labels.path, "--suites", suite.path, "--judge-model", "j", "--judges", judges.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.jsonl:1: error: \"verdict\" must be \"pass\" or \"fail\", not 'maybe'"))
        #expect(result.stderr.contains("bad.jsonl:2: error: no case ex/nope in the selected suites"))
        #expect(result.stderr.contains("bad.jsonl:3: error: not a JSON object"))
        #expect(result.stderr.contains("bad.jsonl:5: error: this label contradicts line 4"))
        #expect(result.stderr.contains("bad.jsonl:6: error: the same response of ex/join is labelled again (also on line 4)"))
    }
}
