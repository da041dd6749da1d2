import Foundation
import ProctorRun
import ProctorCore
import ProctorProviders
import ProctorTestSupport
import Testing

/// Recording from a real server on 127.0.0.1 into cassettes, and replaying them with no client at all.
@Suite(.serialized) struct ModelResponseSourceTests {
    let server: ChatServer
    let directory: URL
    let suite: Suite

    init() throws {
        server = try ChatServer()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cassettes-\(UUID().uuidString)")
        let location = SourceLocation(file: "s.yaml", line: 3)
        suite = Suite(name: "s", file: URL(fileURLWithPath: "/s.yaml"), system: "Answer with SQL.", cases: [
            Case(id: "a", pattern: .explain, prompt: "Explain A", system: "Answer with SQL.", check: ExplainCheck(), location: location),
            Case(id: "b", pattern: .explain, prompt: "Explain B", system: "Answer with SQL.", check: ExplainCheck(), location: location),
            Case(id: "c", pattern: .explain, prompt: "Explain C", system: "Answer with SQL.", check: ExplainCheck(), location: location),
        ])
    }

    func source(_ mode: RecordingMode, model: String = "tiny", samples: Int? = nil, concurrency: Int = 2) -> ModelResponseSource {
        ModelResponseSource(
            requests: ModelRequests(provider: "openai", model: model, settings: SamplingSettings(temperature: 0),
                                    samplesPerCase: samples),
            directory: directory, mode: mode,
            client: mode == .replay ? nil : OpenAIClient(
                baseURL: server.baseURL, apiKey: "sk-secret-1234",
                retry: RetryPolicy(attempts: 2, baseDelay: .milliseconds(10))),
            concurrency: concurrency, recordCommand: "proctor run --record")
    }

    var cassette: URL { directory.appendingPathComponent("openai/tiny/s.jsonl") }

    @Test func recordsThenReplaysOffline() async throws {
        let recorded = try await source(.record).samples(for: [suite])
        #expect(recorded.samples.map(\.response) == ["echo: Explain A", "echo: Explain B", "echo: Explain C"])
        #expect(recorded.samples.allSatisfy { $0.model == "tiny" })
        let lines = try String(contentsOf: cassette, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("{\"case\":\"a\",\"finish_reason\":\"stop\",\"key\":\""))
        #expect(!lines.joined().contains("sk-secret-1234"))
        let entry = try JSONDecoder().decode(CassetteEntry.self, from: Data(lines[0].utf8))
        #expect(entry.serverModel == "tiny-2026-01-01")
        #expect(entry.request.messages.map(\.role) == ["system", "user"])
        #expect(entry.usage?.completionTokens == 3)

        let replayed = try await source(.replay).samples(for: [suite])
        #expect(replayed.samples.map(\.response) == recorded.samples.map(\.response))
        #expect(try await server.requests().count == 3)

        _ = try await source(.record).samples(for: [suite])
        #expect(try await server.requests().count == 3, "nothing missing, nothing asked")
        _ = try await source(.refresh).samples(for: [suite])
        #expect(try await server.requests().count == 6)
        #expect(try String(contentsOf: cassette, encoding: .utf8).split(separator: "\n").count == 3)
    }

    @Test func anotherModelOrSampleIsAMissNeverAHit() async throws {
        _ = try await source(.record).samples(for: [suite])
        await #expect(throws: BadInput.self) { _ = try await source(.replay, model: "other").samples(for: [suite]) }
        do {
            _ = try await source(.replay, samples: 2).samples(for: [suite])
            Issue.record("expected missing recordings")
        } catch let error as BadInput {
            #expect(error.diagnostics.map(\.message) == [
                "no recorded response for s/a with model tiny, sample 2",
                "no recorded response for s/b with model tiny, sample 2",
                "no recorded response for s/c with model tiny, sample 2",
            ])
            #expect(error.diagnostics.first?.hint == "record it with `proctor run --record`")
        }
        let two = try await source(.record, samples: 2).samples(for: [suite])
        #expect(two.samples.map(\.sampleID) == ["1", "2", "1", "2", "1", "2"])
        #expect(try await server.requests().count == 6)
    }

    @Test func anInterruptedRecordingKeepsWhatItReceivedAndResumes() async throws {
        try await server.control(["queue": ["ok", "status:401"]])
        do {
            _ = try await source(.record, concurrency: 1).samples(for: [suite])
            Issue.record("expected the refusal to stop the recording")
        } catch let error as BadInput {
            let message = try #require(error.diagnostics.first?.message)
            #expect(message.contains("HTTP 401: Incorrect API key provided"))
            #expect(message.hasSuffix("recording stopped, every answer received so far is kept"))
            #expect(!message.contains("sk-secret-1234"))
        }
        #expect(try String(contentsOf: cassette, encoding: .utf8).split(separator: "\n").count == 1)
        let resumed = try await source(.record, concurrency: 1).samples(for: [suite])
        #expect(resumed.samples.count == 3)
        #expect(try await server.requests().count == 4, "a, the refused b, then only b and c again")
    }

    @Test func aDamagedLineIsAnErrorWithFileAndLine() async throws {
        _ = try await source(.record).samples(for: [suite])
        var text = try String(contentsOf: cassette, encoding: .utf8)
        text += "{\"key\": \"x\", \"oops\n"
        try Data(text.utf8).write(to: cassette)
        do {
            _ = try await source(.replay).samples(for: [suite])
            Issue.record("expected a damaged cassette to be reported")
        } catch let error as BadInput {
            #expect(error.diagnostics.first?.location?.line == 4)
            #expect(error.diagnostics.first?.location?.file.hasSuffix("openai/tiny/s.jsonl") == true)
            #expect(error.diagnostics.first?.message == "not a recorded answer: not valid JSON")
        }
    }

    @Test func aCasesOwnSamplesCountIsAskedUnlessTheRunSaysOtherwise() async throws {
        var suite = suite
        suite.cases[0].samples = 3
        let own = try await source(.record).samples(for: [suite])
        #expect(own.samples.map { "\($0.caseID)\($0.sampleID)" } == ["a1", "a2", "a3", "b1", "c1"])
        let forced = try await source(.record, samples: 2).samples(for: [suite])
        #expect(forced.samples.count == 6)
    }

    @Test func foldsTheSystemPromptIntoTheUserMessageWhenAsked() throws {
        let requests = ModelRequests(provider: "openai", model: "gemma", foldSystemPrompt: true)
        #expect(requests.messages(for: suite.cases[0], system: suite.cases[0].system)
            == [ChatMessage(role: "user", content: "Answer with SQL.\n\nExplain A")])
    }

    @Test func variantsAreAskedSeparatelyAndLabelled() async throws {
        var suite = suite
        suite.variants = [Variant(name: "python-only", system: "Python only."), Variant(name: "plain", system: "Explain.")]
        suite.cases[2].hasOwnSystem = true
        var source = source(.record)
        source.variants = ["python-only", "plain"]
        let samples = try await source.samples(for: [suite]).samples
        #expect(samples.map(\.variant) == ["python-only", "python-only", "python-only", "plain", "plain", "plain"])
        let systems = try await server.requests().compactMap {
            (($0["body"] as? [String: Any])?["messages"] as? [[String: String]])?.first?["content"]
        }
        #expect(systems.sorted() == ["Answer with SQL.", "Answer with SQL.", "Explain.", "Explain.", "Python only.", "Python only."])
        var unknown = self.source(.replay)
        unknown.variants = ["nope"]
        do {
            _ = try await unknown.samples(for: [suite])
            Issue.record("expected an unknown variant to be reported")
        } catch let error as BadInput {
            #expect(error.diagnostics.first?.message == "suite 's' has no variant 'nope'")
        }
    }
}
