import Foundation
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
         "--results", out.appendingPathComponent("\(name).jsonl").path]
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

    @Test(arguments: [
        ["--provider", "openai"], ["--model", "m"], ["--record"], ["--provider", "openai", "--model", "m", "--record", "--refresh"],
        ["--provider", "openai", "--model", "m", "--base-url", "ftp://x"], ["--provider", "openai", "--model", "m", "--samples", "x.jsonl"],
        ["--provider", "openai", "--model", "m", "--temperature", "3"],
    ])
    func inconsistentModelFlagsAreUsageErrors(_ arguments: [String]) throws {
        let output = try ProctorCLI.run(["run", "suites/school.yaml"] + arguments + flags("usage"))
        #expect(output.status == 2, "\(output.stderr)")
    }
}
