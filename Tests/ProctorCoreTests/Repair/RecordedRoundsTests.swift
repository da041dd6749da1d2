import Foundation
import ProctorCore
import Testing

@Suite struct RecordedRoundsTests {
    let suite = Suite(
        name: "s", file: URL(fileURLWithPath: "/s.yaml"),
        cases: [Case(id: "a", pattern: Pattern("comments-to-code"), prompt: "p", check: NoCheck(),
                     location: SourceLocation(file: "s.yaml", line: 3))])

    struct NoCheck: CaseCheck {}

    func records(_ lines: [String]) throws -> [SampleRecord] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rounds-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return try SampleRecord.read(file, displayPath: "r.jsonl")
    }

    func request(_ sample: Sample, turns: Int) -> RepairRequest {
        RepairRequest(sample: sample, suite: suite, testCase: suite.cases[0],
                      turns: Array(repeating: RepairTurn(answer: "x", feedback: "y"), count: turns))
    }

    @Test func laterRoundsAreNotSamplesAndAnswerTheirRound() async throws {
        let batch = try SampleMatcher(suites: [suite]).match(try records([
            #"{"case": "a", "response": "one", "model": "m"}"#,
            #"{"case": "a", "response": "two", "model": "m", "round": 2}"#,
            #"{"case": "a", "response": "three", "model": "m", "sample": "1", "round": 3.0}"#,
        ]))
        #expect(batch.samples.map(\.response) == ["one"])
        let repairs = try #require(batch.repairs)
        guard case let .answered(second, _, origin, _) = try await repairs.answer(request(batch.samples[0], turns: 1)),
            case let .answered(third, _, _, _) = try await repairs.answer(request(batch.samples[0], turns: 2))
        else {
            Issue.record("rounds 2 and 3 are recorded")
            return
        }
        #expect(second == "two" && third == "three")
        #expect(origin == SourceLocation(file: "r.jsonl", line: 2))
        guard case let .unavailable(reason) = try await repairs.answer(request(batch.samples[0], turns: 3)) else {
            Issue.record("round 4 is not recorded")
            return
        }
        #expect(reason == "no answer recorded for round 4")
    }

    @Test func withoutRoundLinesTheLoopIsUnavailable() async throws {
        let batch = try SampleMatcher(suites: [suite]).match(try records([#"{"case": "a", "response": "one"}"#]))
        guard case let .unavailable(reason) = try await #require(batch.repairs).answer(request(batch.samples[0], turns: 1)) else {
            Issue.record("no round lines")
            return
        }
        #expect(reason.contains("no lines with a \"round\""))
    }

    @Test func orphanDuplicateAndGappedRoundsAreBadInputWithTheirLines() throws {
        do {
            _ = try SampleMatcher(suites: [suite]).match(try records([
                #"{"case": "a", "response": "one"}"#,
                #"{"case": "a", "response": "two", "round": 2}"#,
                #"{"case": "a", "response": "again", "round": 2}"#,
                #"{"case": "a", "response": "orphan", "sample": "2", "round": 2}"#,
                #"{"case": "a", "response": "gap", "sample": "1", "round": 4}"#,
            ]))
            Issue.record("bad rounds must be refused")
        } catch let error as BadInput {
            let messages = error.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" }
            #expect(messages.contains("3: duplicate round 2 of s/a #1 (also on line 2)"))
            #expect(messages.contains("4: round 2 of s/a #2 has no first answer"))
            #expect(messages.contains("5: round 4 of s/a #1 follows no round 3"))
        }
    }

    @Test(arguments: [#""2""#, "0", "1.5", "true", "-1"])
    func aRoundMustBeAWholeNumberFromOne(_ value: String) throws {
        #expect(throws: BadInput.self) {
            try records([#"{"case": "a", "response": "x", "round": "# + value + "}"])
        }
    }
}
