import Foundation
import ProctorTestSupport
import Testing

/// A repair loop recorded from the Chat Completions test server on 127.0.0.1, then replayed with the server gone.
@Suite(.serialized) struct RepairLoopRecordingTests {
    let out: URL
    let suite: URL
    let model = ["--provider", "openai", "--model", "tiny", "--temperature", "0"]

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
        suite = out.appendingPathComponent("loop.yaml")
        try """
            suite: loop
            cases:
              - id: add
                pattern: comments-to-code
                prompt: Write add(a, b) in Python.
                tests: |
                  assert add(1, 2) == 3
                repair: 2
              - id: explain-add
                pattern: explain
                prompt: Explain add.
                mentions: [sum]
            """.write(to: suite, atomically: true, encoding: .utf8)
    }

    func flags(_ name: String) -> [String] {
        ["--responses", out.appendingPathComponent("responses").path,
         "--junit", out.appendingPathComponent("\(name).xml").path,
         "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path, "--no-history",
         "--html", out.appendingPathComponent("\(name).html").path]
    }

    func lines(_ name: String) throws -> [[String: Any]] {
        try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func rounds(_ name: String) throws -> [String] {
        try lines(name).filter { $0["case"] as? String == "add" }.flatMap { line in
            ((line["rounds"] as? [[String: Any]]) ?? []).map { "\($0["round"] ?? "") \($0["verdict"] ?? "")" }
        }
    }

    @Test func recordsEveryTurnThenReplaysOfflineAndResumesAnInterruptedLoop() async throws {
        let cassette = out.appendingPathComponent("responses/openai/tiny/loop.jsonl")
        let wrong = "Here it is:\n```python\ndef add(a, b):\n    return a - b\n```"
        let right = "Sorry, fixed:\n```python\ndef add(a, b):\n    return a + b\n```"
        do {
            let server = try ChatServer()
            try await server.control(["answers": ["Write add": wrong, "did not pass": right, "Explain add": "It returns the sum."]])
            let recorded = try ProctorCLI.run(
                ["run", suite.path, "--record", "--base-url", server.baseURL.absoluteString] + model + flags("recorded"))
            #expect(recorded.status == 0, "\(recorded.stderr)")
            #expect(recorded.stdout.contains("repair loop: tiny first round 0/1 (0.0%), after repair 1/1 (100.0%)"))
            #expect(recorded.stdout.contains("recorded 3 answer(s), including 1 repair round(s): 3 in \(cassette.path)\n"), "\(recorded.stdout)")
            let received = try await server.requests()
            #expect(received.count == 3, "two first answers and one repair round")
            let bodies = received.compactMap { $0["body"] as? [String: Any] }
            let turns = try #require(bodies.map { ($0["messages"] as? [[String: Any]]) ?? [] }.first { $0.count > 1 })
            #expect(turns.map { $0["role"] as? String } == ["user", "assistant", "user"])
            #expect(turns[1]["content"] as? String == wrong, "the model sees its own answer")
            let feedback = try #require(turns[2]["content"] as? String)
            #expect(feedback.contains("Failing statement:\n```\nassert add(1, 2) == 3\n```"))
            let entries = try lines("responses/openai/tiny/loop.jsonl")
            #expect(entries.map { $0["round"] as? Int } == [nil, 2, nil], "sorted by case, sample, round")
            #expect(try rounds("recorded.jsonl") == ["1 fail", "2 pass"])
            let html = try String(contentsOf: out.appendingPathComponent("recorded.html"), encoding: .utf8)
            #expect(html.contains("Repair loop (samples whose case allows feedback rounds): tiny first round 0/1 (0.0%), after repair 1/1 (100.0%)"))
            #expect(html.contains("Repair loop: round 1 fail → round 2 pass") && html.contains("Feedback sent"))
            #expect(html.contains("(after 2 rounds)"))
            let summary = try String(contentsOf: out.appendingPathComponent("recorded.md"), encoding: .utf8)
            #expect(summary.contains("tiny first round 0/1 (0.0%), after repair 1/1 (100.0%)"))
            let junit = try String(contentsOf: out.appendingPathComponent("recorded.xml"), encoding: .utf8)
            #expect(junit.contains(#"<property name="first_round_pass_rate" value="0.000"/>"#))
        }
        // Replay: the server is gone; a socket would fail the run.
        let replayed = try ProctorCLI.run(["run", suite.path, "--base-url", "http://127.0.0.1:9/v1"] + model + flags("replayed"))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try rounds("replayed.jsonl") == ["1 fail", "2 pass"])
        let add = try #require(try lines("replayed.jsonl").first { $0["case"] as? String == "add" })
        #expect(add["verdict"] as? String == "pass")
        let tokens = try #require(try lines("recorded.jsonl").first { $0["case"] as? String == "add" }?["prompt_tokens"] as? Int)
        let perRound = ((add["rounds"] as? [[String: Any]]) ?? []).compactMap { $0["prompt_tokens"] as? Int }
        #expect(perRound.count == 2 && perRound.reduce(0, +) == tokens, "the line's tokens are the rounds' sum")

        // Round 2 lost: replay says what is missing and how to record it.
        let text = try String(contentsOf: cassette, encoding: .utf8)
        let firstRounds = text.split(separator: "\n").filter { !$0.contains("\"round\":2") }
        try (firstRounds.joined(separator: "\n") + "\n").write(to: cassette, atomically: true, encoding: .utf8)
        let missing = try ProctorCLI.run(["run", suite.path] + model + flags("missing"))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no recorded response for round 2 of loop/add #1 [tiny]"), "\(missing.stderr)")
        #expect(missing.stderr.contains("record it with `proctor run"))

        // --record resumes the loop: only the missing round is asked.
        let server = try ChatServer()
        try await server.control(["answers": ["did not pass": right]])
        let resumed = try ProctorCLI.run(
            ["run", suite.path, "--record", "--base-url", server.baseURL.absoluteString] + model + flags("resumed"))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await server.requests().count == 1)
        #expect(try rounds("resumed.jsonl") == ["1 fail", "2 pass"])

        // Read as recorded responses, a round whose conversation began with another first answer is not paired.
        let edited = try String(contentsOf: cassette, encoding: .utf8).split(separator: "\n").map { line in
            line.contains("\"round\"") ? String(line) : line.replacingOccurrences(of: "return a - b", with: "return a * b")
        }
        try (edited.joined(separator: "\n") + "\n").write(to: cassette, atomically: true, encoding: .utf8)
        let recorded = try ProctorCLI.run(["run", suite.path, "--no-judge"] + flags("as-recorded"))
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(try rounds("as-recorded.jsonl") == ["1 fail"])
        #expect(recorded.stderr.contains("continues another conversation (its earlier answers differ) (loop/add #1 [tiny])"))
    }

    @Test func twoCasesWithOnePromptAreTwoConversations() async throws {
        let twins = out.appendingPathComponent("twins.yaml")
        try """
            suite: twins
            cases:
              - {id: one, pattern: comments-to-code, prompt: Define f(x)., tests: "assert f(1) == 1", repair: 1}
              - {id: two, pattern: comments-to-code, prompt: Define f(x)., tests: "assert f(1) == 2", repair: 1}
            """.write(to: twins, atomically: true, encoding: .utf8)
        let server = try ChatServer()
        try await server.control(["answers": [
            "Define f": "```python\ndef f(x):\n    return 0\n```", "== 1": "```python\ndef f(x):\n    return x\n```",
            "== 2": "```python\ndef f(x):\n    return 2 * x\n```",
        ]])
        let result = try ProctorCLI.run(
            ["run", twins.path, "--record", "--base-url", server.baseURL.absoluteString] + model + flags("twins"))
        #expect(result.status == 0, "\(result.stderr)")
        let repairTurns = try await server.requests().filter {
            (($0["body"] as? [String: Any])?["messages"] as? [Any])?.count ?? 0 > 1
        }
        #expect(repairTurns.count == 2, "each case's feedback is asked apart")
        #expect(try lines("twins.jsonl").map { $0["verdict"] as? String } == ["pass", "pass"])
    }

    @Test func repairWithSamplesWithoutRoundsIsAUsageError() throws {
        let samples = out.appendingPathComponent("samples.jsonl")
        try #"{"case": "add", "response": "def add(a, b): return 0"}"#.write(to: samples, atomically: true, encoding: .utf8)
        let result = try ProctorCLI.run(["run", suite.path, "--samples", samples.path, "--repair", "1"] + flags("usage"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("--repair 1 needs the answers of later rounds"))
        let tooMany = try ProctorCLI.run(["run", suite.path, "--samples", samples.path, "--repair", "11"] + flags("usage"))
        #expect(tooMany.status == 2 && tooMany.stderr.contains("--repair must be a number of rounds from 0 to 10"))
    }
}
