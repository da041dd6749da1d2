import Foundation
import ProctorReports
import ProctorTestSupport
import Testing

/// `proctor run --record` against a real Chat Completions server on 127.0.0.1, then `proctor run` replaying the
/// cassettes with the server gone.
@Suite(.serialized) struct RecordReplayTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    func flags(_ name: String) -> [String] {
        ["--responses", out.appendingPathComponent("responses").path,
         "--junit", out.appendingPathComponent("\(name).xml").path,
         "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path, "--no-history", "--html", out.appendingPathComponent("\(name).html").path]
    }

    func verdicts(_ name: String) throws -> [String] {
        try String(contentsOf: out.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n").map {
            let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            return "\(object["case"] ?? "") \(object["model"] ?? "") \(object["verdict"] ?? "")"
        }
    }

    @Test func recordsFromALiveServerThenReplaysOfflineWithTheSameVerdicts() async throws {
        let model = ["--provider", "openai", "--model", "tiny", "--temperature", "0", "--seed", "1"]
        let cassette = out.appendingPathComponent("responses/openai/tiny/school.jsonl")
        do {
            let server = try ChatServer()
            try await server.control(["answers": [
                "Computer Science department": "```sql\nSELECT s.name FROM students s JOIN departments d ON d.id = s.department_id WHERE d.name = 'Computer Science';\n```",
                "how many students": "SELECT d.name, COUNT(*) FROM departments d LEFT JOIN students s ON s.department_id = d.id GROUP BY d.id",
            ]])
            var environment = ProcessInfo.processInfo.environment
            environment["PROCTOR_TEST_KEY"] = "sk-live-secret-99"
            let recorded = try ProctorCLI.run(
                ["run", "suites/school.yaml", "--record", "--base-url", server.baseURL.absoluteString,
                 "--api-key-env", "PROCTOR_TEST_KEY"] + model + flags("recorded"), environment: environment)
            #expect(recorded.status == 0, "\(recorded.stderr)")
            let received = try await server.requests()
            #expect(received.count == 6)
            #expect((received.first?["headers"] as? [String: String])?["authorization"] == "Bearer sk-live-secret-99")
            let text = try String(contentsOf: cassette, encoding: .utf8)
            #expect(text.split(separator: "\n").count == 6)
            for file in ["recorded.jsonl", "recorded.xml"] {
                #expect(!(try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)).contains("sk-live-secret-99"))
            }
            #expect(!text.contains("sk-live-secret-99"))
            #expect(!recorded.stdout.contains("sk-live-secret-99") && !recorded.stderr.contains("sk-live-secret-99"))
        }
        let replayed = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--base-url", "http://127.0.0.1:9/v1"] + model + flags("replayed"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let recordedVerdicts = try verdicts("recorded")
        #expect(try verdicts("replayed") == recordedVerdicts)
        #expect(recordedVerdicts.contains("cs-students tiny pass"))
        let first = try String(contentsOf: out.appendingPathComponent("replayed.jsonl"), encoding: .utf8).split(separator: "\n")[0]
        #expect(first.contains("\"model_version\":\"tiny-2026-01-01\""), "the server's model version reaches the results")
        #expect(recordedVerdicts.contains("students-per-department tiny fail"))

        let otherSettings = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--provider", "openai", "--model", "tiny", "--temperature", "0.5"]
            + flags("other"))
        #expect(otherSettings.status == 2)
        #expect(otherSettings.stderr.contains("no recorded response for school/cs-students with model tiny"))
        #expect(otherSettings.stderr.contains("record it with `proctor run suites/school.yaml --provider openai"))
        #expect(otherSettings.stderr.contains("--temperature 0.5 --record`"))

        let everything = try ProctorCLI.run(["run", "suites/school.yaml"] + flags("all"))
        #expect(everything.status == 0, "cassettes are recorded responses too: \(everything.stderr)")
        #expect(try verdicts("all") == recordedVerdicts)
    }

    @Test func aRefusedKeyStopsTheRunWithExitTwoAndNoSecret() async throws {
        let server = try ChatServer()
        try await server.control(["queue": ["status:401"]])
        var environment = ProcessInfo.processInfo.environment
        environment["PROCTOR_TEST_KEY"] = "sk-wrong-key-12"
        let output = try ProctorCLI.run(
            ["run", "suites/explain.yaml", "--provider", "openai", "--model", "tiny", "--record", "--concurrency", "1",
             "--base-url", server.baseURL.absoluteString, "--api-key-env", "PROCTOR_TEST_KEY"] + flags("refused"),
            environment: environment)
        #expect(output.status == 2)
        #expect(output.stderr.contains("HTTP 401: Incorrect API key provided"))
        #expect(!output.stderr.contains("sk-wrong-key-12"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("refused.xml").path))
    }

    @Test func pricesTokensDryRunsAndStopsAtTheBudget() async throws {
        let server = try ChatServer()
        let model = ["--provider", "openai", "--model", "tiny", "--base-url", server.baseURL.absoluteString,
                     "--price-input", "2.5", "--price-output", "10", "--concurrency", "1"]
        let dry = try ProctorCLI.run(["run", "suites/school.yaml", "--record", "--dry-run"] + model + flags("dry"))
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == "dry run: 6 request(s) to tiny at \(server.baseURL.absoluteString); 0 sample(s) already recorded\n")
        #expect(try await server.requests().isEmpty)

        let budget = try ProctorCLI.run(["run", "suites/school.yaml", "--record", "--max-cost", "0.0001"] + model + flags("budget"))
        #expect(budget.status == 2)
        #expect(budget.stderr.contains("budget reached: 5 request(s) not made"))
        #expect(try await server.requests().count == 1)

        let full = try ProctorCLI.run(["run", "suites/school.yaml", "--record"] + model + flags("priced"))
        #expect(full.status == 0, "\(full.stderr)")
        #expect(try await server.requests().count == 6)
        #expect(full.stdout.contains("tokens: "))
        #expect(full.stdout.contains("; cost $0.0"))
        let lines = try String(contentsOf: out.appendingPathComponent("priced.jsonl"), encoding: .utf8).split(separator: "\n")
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let prompt = try #require(object["prompt_tokens"] as? Int)
            let completion = try #require(object["completion_tokens"] as? Int)
            let cost = try #require(object["cost_usd"] as? Double)
            #expect(abs(cost - (Double(prompt) * 2.5 + Double(completion) * 10) / 1_000_000) < 1e-9)
            // The model call's wall time, from the cassette.
            #expect((object["latency_ms"] as? Double).map { $0 >= 0 } == true, "\(object["latency_ms"] ?? "none")")
        }
        let junit = try String(contentsOf: out.appendingPathComponent("priced.xml"), encoding: .utf8)
        #expect(junit.contains("<property name=\"prompt_tokens\""))
        #expect(junit.contains("<property name=\"cost_usd\""))
        if ProctorCLI.hasSchema {
            #expect(try JUnitSchemaValidator(schema: ProctorCLI.schema).validate(Data(junit.utf8)).isEmpty)
        }
        let again = try ProctorCLI.run(["run", "suites/school.yaml", "--record", "--dry-run"] + model + flags("dry"))
        #expect(again.stdout.hasSuffix("0 request(s) to tiny at \(server.baseURL.absoluteString); 6 sample(s) already recorded\n"))
        let replayDry = try ProctorCLI.run(["run", "suites/school.yaml", "--dry-run"] + model + flags("dry"))
        #expect(replayDry.status == 0, "\(replayDry.stderr)")
        #expect(replayDry.stdout == "dry run: 0 request(s); 6 sample(s) already recorded\n")
    }

    /// A replay's dry run with recordings missing says what the replay would: it stops (exit 2), and how to record.
    @Test func aReplayDryRunCountsTheMissingRecordingsAndExitsTwo() throws {
        let responses = out.appendingPathComponent("responses").path
        let dry = try ProctorCLI.run(["run", "suites/school.yaml", "--provider", "openai", "--model", "tiny", "--dry-run"]
            + flags("missing"))
        #expect(dry.status == 2, "\(dry.stderr)")
        #expect(dry.stdout == "dry run: 0 request(s); 0 sample(s) already recorded, 6 without a recording\n")
        #expect(dry.stderr.contains("error: 6 sample(s) have no recording: a replay would stop with exit 2"), "\(dry.stderr)")
        #expect(dry.stderr.contains("record them with `proctor run suites/school.yaml --provider openai --base-url "
            + "https://api.openai.com/v1 --model tiny --responses \(responses) --record`"), "\(dry.stderr)")
        let replay = try ProctorCLI.run(["run", "suites/school.yaml", "--provider", "openai", "--model", "tiny"]
            + flags("missing"))
        #expect(replay.status == 2, "the replay stops as the dry run said: \(replay.stderr)")

        let config = out.appendingPathComponent("two.yaml")
        try Data("""
            models:
              - model: small
              - model: large
            """.utf8).write(to: config)
        let matrix = try ProctorCLI.run(["run", "suites/school.yaml", "--config", config.path, "--dry-run"] + flags("missing"))
        #expect(matrix.status == 2, "\(matrix.stderr)")
        #expect(matrix.stdout == "dry run: 0 request(s); 0 sample(s) already recorded, 12 without a recording\n")
        #expect(matrix.stderr.contains("record them with `proctor run suites/school.yaml --config \(config.path) "
            + "--responses \(responses) --record`"), "\(matrix.stderr)")
    }

    @Test func severalSamplesPerCaseGivePassAtK() async throws {
        let server = try ChatServer()
        try await server.control(["queue": [
            "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok",
        ], "answers": ["join": "The query joins students to departments and returns each student's name."]])
        let output = try ProctorCLI.run(
            ["run", "suites/explain.yaml", "--provider", "openai", "--model", "tiny", "--record", "--temperature", "0.8",
             "--samples-per-case", "3", "--base-url", server.baseURL.absoluteString] + flags("passk"))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("mean over cases with several samples: pass@1 "))
        let lines = try String(contentsOf: out.appendingPathComponent("passk.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let passAtK = try #require(first["pass_at_k"] as? [String: Double])
        #expect(Set(passAtK.keys) == ["1", "3"])
        let junit = try Data(contentsOf: out.appendingPathComponent("passk.xml"))
        #expect(String(decoding: junit, as: UTF8.self).contains("<property name=\"pass@3\""))
        if ProctorCLI.hasSchema { #expect(try JUnitSchemaValidator(schema: ProctorCLI.schema).validate(junit).isEmpty) }
    }

    @Test func variantsAreGradedSideBySide() async throws {
        let server = try ChatServer()
        let model = ["--provider", "openai", "--model", "tiny", "--base-url", server.baseURL.absoluteString,
                     "--variant", "python-only", "--variant", "explain-ok"]
        let recorded = try ProctorCLI.run(["run", "suites/explain.yaml", "--record"] + model + flags("variants"))
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let systems = try await server.requests().compactMap {
            (($0["body"] as? [String: Any])?["messages"] as? [[String: String]])?.first?["content"]
        }
        #expect(systems.count == 8)
        #expect(systems.filter { $0.hasPrefix("You are a code assistant in Python.") }.count == 4)
        let lines = try String(contentsOf: out.appendingPathComponent("variants.jsonl"), encoding: .utf8).split(separator: "\n")
        let variants = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["variant"] as? String
        }
        #expect(Set(variants.compactMap { $0 }) == ["python-only", "explain-ok"])
        let junit = try Data(contentsOf: out.appendingPathComponent("variants.xml"))
        let text = String(decoding: junit, as: UTF8.self)
        #expect(text.contains("name=\"explain [tiny, python-only]\""))
        #expect(text.contains("<property name=\"variant\" value=\"explain-ok\""))
        if ProctorCLI.hasSchema { #expect(try JUnitSchemaValidator(schema: ProctorCLI.schema).validate(junit).isEmpty) }
        #expect(recorded.stdout.contains("[tiny, python-only]"))

        let replayed = try ProctorCLI.run(["run", "suites/explain.yaml"] + model + flags("variants-replay"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let unknown = try ProctorCLI.run(
            ["run", "suites/explain.yaml", "--provider", "openai", "--model", "tiny", "--variant", "nope"] + flags("nope"))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("suite 'explain' has no variant 'nope'"))
    }

    @Test func aRunConfigurationGradesEveryModelAndVariant() async throws {
        let server = try ChatServer()
        let config = out.appendingPathComponent("proctor.yaml")
        try Data("""
            models:
              - model: small
                base_url: \(server.baseURL.absoluteString)
                temperature: 0
              - model: large
                base_url: \(server.baseURL.absoluteString)
                price_input: 1
                price_output: 2
            variants: [python-only, explain-ok]
            gates:
              min_pass_rate: 0
              patterns: {explain: 0.99}
            """.utf8).write(to: config)
        let dry = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", config.path, "--record", "--dry-run"] + flags("m"))
        #expect(dry.stdout.hasPrefix("dry run: 16 request(s) to small, large; 0 sample(s) already recorded\n"), "\(dry.stderr)")
        let recorded = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", config.path, "--record"] + flags("matrix"))
        #expect(recorded.status == 1, "graded, then the gate fails: \(recorded.stderr)")
        #expect(try await server.requests().count == 16)
        // What was recorded, and where: each model's cassette of the suite.
        let cassettes = out.appendingPathComponent("responses/openai")
        #expect(recorded.stdout.contains("recorded 16 answer(s): 8 in \(cassettes.path)/small/explain.jsonl, "
            + "8 in \(cassettes.path)/large/explain.jsonl\n") || recorded.stdout.contains("recorded 16 answer(s): "
            + "8 in \(cassettes.path)/large/explain.jsonl, 8 in \(cassettes.path)/small/explain.jsonl\n"), "\(recorded.stdout)")
        let again = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", config.path, "--record"] + flags("matrix-again"))
        #expect(again.stdout.contains("recorded no answers: every selected sample already had a recording\n"), "\(again.stdout)")
        #expect(try await server.requests().count == 16)
        let replayed = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", config.path] + flags("matrix-replay"))
        #expect(replayed.status == 1, "the configuration's explain gate fails: \(replayed.stderr)")
        // The test server echoes the prompt: an answer that repeats it fails; each gate applies per model and variant.
        #expect(replayed.stdout.contains("gate met: overall pass rate [small, python-only] 0.0% (0 of 4) ≥ 0.0%"))
        #expect(replayed.stdout.contains("gate failed: pattern explain pass rate [large, explain-ok] 0.0% (0 of 4) is below 99.0%"))
        let groups = try String(contentsOf: out.appendingPathComponent("matrix-replay.jsonl"), encoding: .utf8)
            .split(separator: "\n").map {
                let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                return "\(object["model"] ?? "") \(object["variant"] ?? "")"
            }
        #expect(Set(groups) == ["small python-only", "small explain-ok", "large python-only", "large explain-ok"])
        // Only `large` has prices: the total's cost is its cost, and each model's line says what it cost.
        let tokens = try #require(replayed.stdout.split(separator: "\n").first { $0.hasPrefix("tokens: ") }, "\(replayed.stdout)")
        #expect(tokens.hasSuffix(" (models with prices only)"), "\(tokens)")
        let small = try #require(replayed.stdout.split(separator: "\n").first { $0.hasPrefix("  small: ") }, "\(replayed.stdout)")
        let large = try #require(replayed.stdout.split(separator: "\n").first { $0.hasPrefix("  large: ") }, "\(replayed.stdout)")
        #expect(small.hasSuffix(" completion; no prices"))
        #expect(large.contains(" completion; cost $"))
        #expect(tokens.contains(String(large.split(separator: "cost ").last ?? "?")), "the total's cost is large's: \(tokens) / \(large)")
        #expect(!replayed.stdout.contains("recorded "), "a replay records nothing and says nothing about it")
        let page = try String(contentsOf: out.appendingPathComponent("matrix-replay.html"), encoding: .utf8)
            .replacingOccurrences(of: #"<span class="nw">"#, with: "").replacingOccurrences(of: "</span>", with: "")
        #expect(page.contains("<h2>Compared with small, python-only</h2>"))
        #expect(page.contains("<h3>large, explain-ok</h3>"))
        let junit = try Data(contentsOf: out.appendingPathComponent("matrix-replay.xml"))
        #expect(String(decoding: junit, as: UTF8.self).contains("name=\"explain [large, explain-ok]\""))
        if ProctorCLI.hasSchema { #expect(try JUnitSchemaValidator(schema: ProctorCLI.schema).validate(junit).isEmpty) }

        // A selection with --config: only its cases are counted, asked for and replayed; the others' recordings are no errors.
        let selectedDry = try ProctorCLI.run(
            ["run", "suites/explain.yaml", "--config", config.path, "--case", "explain-join", "--refresh", "--dry-run"] + flags("m"))
        #expect(selectedDry.stdout.hasPrefix("dry run: 4 request(s) to small, large; 4 sample(s) already recorded\n"), "\(selectedDry.stderr)")
        let selected = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", config.path, "--case", "explain-join"] + flags("sel"))
        #expect(selected.status == 1, "the configuration's explain gate still applies: \(selected.stderr)")
        #expect(selected.stdout.contains("(selected subset: --case explain-join: 1 of 4 cases (1 of 1 suites))"))
        #expect(try String(contentsOf: out.appendingPathComponent("sel.jsonl"), encoding: .utf8).split(separator: "\n").count == 4)
        #expect(try await server.requests().count == 16)

        let bad = out.appendingPathComponent("bad.yaml")
        try Data("models:\n  - model: a\n    temprature: 0\n  - base_url: ftp://x\n".utf8).write(to: bad)
        let invalid = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", bad.path] + flags("bad"))
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("\(bad.path):3:5: error: unknown key `temprature` in a model"))
        #expect(invalid.stderr.contains("\(bad.path):4:5: error: a model needs `model:`"))
        let mixed = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", config.path, "--model", "x"] + flags("mixed"))
        #expect(mixed.status == 2)
    }

    @Test(arguments: [
        ["--provider", "openai"], ["--model", "m"], ["--record"], ["--provider", "openai", "--model", "m", "--record", "--refresh"],
        ["--provider", "openai", "--model", "m", "--base-url", "ftp://x"], ["--provider", "openai", "--model", "m", "--samples", "x.jsonl"],
        ["--provider", "openai", "--model", "m", "--temperature", "3"], ["--dry-run"],
        ["--provider", "openai", "--model", "m", "--max-cost", "1"], ["--provider", "openai", "--model", "m", "--price-input", "1"],
    ])
    func inconsistentModelFlagsAreUsageErrors(_ arguments: [String]) throws {
        let output = try ProctorCLI.run(["run", "suites/school.yaml"] + arguments + flags("usage"))
        #expect(output.status == 2, "\(output.stderr)")
    }
}
