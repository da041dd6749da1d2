import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Opt-in (`PROCTOR_LLAMA_TEST=1`, after `scripts/setup-local-model`): records a suite from a real model,
/// Gemma 3 270M served by llama.cpp on 127.0.0.1, then replays it with the server stopped and gets the same
/// verdicts.
@Suite(.serialized, .enabled(if: LocalModel.available, "opt-in: set PROCTOR_LLAMA_TEST=1 after scripts/setup-local-model"))
struct LocalModelTests {
    @Test func recordsFromARealModelAndReplaysTheSameVerdictsOffline() async throws {
        let out = try ProctorCLI.temporaryDirectory()
        let model = ["--provider", "openai", "--model", "gemma-3-270m", "--temperature", "0", "--seed", "7",
                     "--max-tokens", "64", "--stop", "\n\n\n", "--fold-system-prompt", "--concurrency", "1",
                     "--responses", out.appendingPathComponent("responses").path,
                     // The shipped judge (fixtures/judge/hand-judge) knows only the shipped answers: this test records
                     // the model's answers, decided by the explain cases' other checks; the judge has its own test.
                     "--no-judge"]
        func flags(_ name: String) -> [String] {
            ["--junit", out.appendingPathComponent("\(name).xml").path, "--results", out.appendingPathComponent("\(name).jsonl").path]
        }
        func verdicts(_ name: String) throws -> [String] {
            try String(contentsOf: out.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n").map {
                let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                return "\(object["case"] ?? "") \(object["verdict"] ?? ""): \(object["reason"] ?? "")"
            }
        }
        do {
            let server = try await LocalModel.start()
            defer { server.stop() }
            let recorded = try ProctorCLI.run(
                ["run", "suites/explain.yaml", "--record", "--base-url", server.baseURL] + model + flags("recorded"))
            #expect(recorded.status == 0, "\(recorded.stderr)")
        }
        let cassette = out.appendingPathComponent("responses/openai/gemma-3-270m/explain.jsonl")
        let lines = try String(contentsOf: cassette, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.contains("\"server_model\":") })
        let replayed = try ProctorCLI.run(
            ["run", "suites/explain.yaml", "--base-url", "http://127.0.0.1:9/v1"] + model + flags("replayed"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try verdicts("replayed") == (try verdicts("recorded")))
    }

    /// A case no answer can pass (its test wants a number the prompt never gives), so the loop always runs its round.
    @Test func recordsARepairLoopFromARealModelAndReplaysItOffline() async throws {
        let out = try ProctorCLI.temporaryDirectory()
        let suite = out.appendingPathComponent("loop.yaml")
        try """
            suite: loop
            cases:
              - id: magic
                pattern: comments-to-code
                prompt: Write a Python function magic(n) that returns a number.
                tests: "assert magic(3) == 1729"
                repair: 1
            """.write(to: suite, atomically: true, encoding: .utf8)
        let model = ["--provider", "openai", "--model", "gemma-3-270m", "--temperature", "0", "--seed", "7",
                     "--max-tokens", "96", "--fold-system-prompt", "--concurrency", "1", "--no-history",
                     "--responses", out.appendingPathComponent("responses").path]
        func flags(_ name: String) -> [String] {
            ["--junit", out.appendingPathComponent("\(name).xml").path, "--results", out.appendingPathComponent("\(name).jsonl").path,
             "--summary", out.appendingPathComponent("\(name).md").path, "--html", out.appendingPathComponent("\(name).html").path]
        }
        func rounds(_ name: String) throws -> [String] {
            try String(contentsOf: out.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n").flatMap {
                let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                return ((object["rounds"] as? [[String: Any]]) ?? []).map { "\($0["verdict"] ?? ""): \($0["response"] ?? "")" }
            }
        }
        do {
            let server = try await LocalModel.start()
            defer { server.stop() }
            let recorded = try ProctorCLI.run(
                ["run", suite.path, "--record", "--base-url", server.baseURL] + model + flags("recorded"))
            #expect(recorded.status == 0, "\(recorded.stderr)")
        }
        let cassette = out.appendingPathComponent("responses/openai/gemma-3-270m/loop.jsonl")
        let lines = try String(contentsOf: cassette, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 && lines[1].contains("\"round\":2"))
        let recordedRounds = try rounds("recorded")
        #expect(recordedRounds.count == 2)
        let replayed = try ProctorCLI.run(
            ["run", suite.path, "--base-url", "http://127.0.0.1:9/v1"] + model + flags("replayed"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try rounds("replayed") == recordedRounds)
    }
}

extension LocalModelTests {
    /// The local model asked to judge one explanation: the protocol (asked, recorded, replayed), not its quality — a
    /// 270M base model rarely answers the JSON asked for, and then the sample is the judge's error.
    @Test func aRealModelJudgesOnceAndTheVerdictReplaysOffline() async throws {
        let out = try ProctorCLI.temporaryDirectory()
        let suite = out.appendingPathComponent("judged.yaml")
        try """
            suite: judged
            cases:
              - id: join
                pattern: explain
                prompt: "SELECT s.name FROM students s JOIN departments d ON d.id = s.department_id. Explain it."
                mentions: [students]
                judge: {criteria: [says that student names are listed, mentions the join with departments]}
            """.write(to: suite, atomically: true, encoding: .utf8)
        let samples = out.appendingPathComponent("samples.jsonl")
        try #"{"case": "join", "response": "It lists the names of students, joining each student to its department."}"#
            .write(to: samples, atomically: true, encoding: .utf8)
        let judge = ["--judge-model", "gemma-3-270m", "--judges", out.appendingPathComponent("judges").path]
        func flags(_ name: String) -> [String] {
            ["--no-history", "--junit", out.appendingPathComponent("\(name).xml").path,
             "--results", out.appendingPathComponent("\(name).jsonl").path,
             "--summary", out.appendingPathComponent("\(name).md").path, "--html", out.appendingPathComponent("\(name).html").path]
        }
        do {
            let server = try await LocalModel.start()
            defer { server.stop() }
            let recorded = try ProctorCLI.run(
                ["run", suite.path, "--samples", samples.path, "--judge-base-url", server.baseURL, "--record"] + judge + flags("recorded"))
            #expect(recorded.status == 0, "\(recorded.stderr)")
        }
        let cassette = out.appendingPathComponent("judges/gemma-3-270m/judged.jsonl")
        #expect(try String(contentsOf: cassette, encoding: .utf8).split(separator: "\n").count == 1)
        let replayed = try ProctorCLI.run(["run", suite.path, "--samples", samples.path] + judge + flags("replayed"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let first = try String(contentsOf: out.appendingPathComponent("recorded.jsonl"), encoding: .utf8)
        let again = try String(contentsOf: out.appendingPathComponent("replayed.jsonl"), encoding: .utf8)
        func reason(_ text: String) throws -> String {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return "\(object["verdict"] ?? "") \(object["reason"] ?? "")"
        }
        #expect(try reason(first) == (try reason(again)))
        #expect(try reason(first).contains("judge"))
    }
}

/// The llama.cpp server process for ``LocalModelTests``.
final class LocalModel: @unchecked Sendable {
    static let file = ProctorCLI.root.appendingPathComponent(".models/gemma3-270m.gguf")

    static var available: Bool {
        ProcessInfo.processInfo.environment["PROCTOR_LLAMA_TEST"] == "1" && FileManager.default.fileExists(atPath: file.path)
    }

    let process = Process()
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    private init(port: Int) {
        self.port = port
    }

    /// Starts the server on a free port and waits (up to a minute) until it answers.
    static func start() async throws -> LocalModel {
        let finder = Process()
        finder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        finder.arguments = ["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        let pipe = Pipe()
        finder.standardOutput = pipe
        try finder.run()
        finder.waitUntilExit()
        let port = Int(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let server = LocalModel(port: port)
        server.process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.process.arguments = [
            "python3", "-m", "llama_cpp.server", "--model", file.path, "--host", "127.0.0.1", "--port", String(port),
            "--n_ctx", "2048", "--chat_format", "gemma",
        ]
        server.process.standardOutput = FileHandle.nullDevice
        server.process.standardError = FileHandle.nullDevice
        try server.process.run()
        for _ in 0..<120 {
            if let url = URL(string: "http://127.0.0.1:\(port)/v1/models"),
                let (_, response) = try? await URLSession.shared.data(from: url),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return server
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        server.stop()
        throw CocoaError(.executableLoad)
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
