import Foundation
import ProctorCore
import ProctorProviders
import ProctorTestSupport
import Testing

/// The explain judge asked on a real Chat Completions server on 127.0.0.1, recorded, and replayed with no client.
@Suite(.serialized) struct ModelJudgeTests {
    let directory: URL
    let criteria = JudgeCriteria(criteria: ["says which students are listed", "mentions the join"])
    let suite: Suite

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("judge-\(UUID().uuidString)")
        suite = Suite(
            name: "explain", file: URL(fileURLWithPath: "/explain.yaml"),
            cases: [Case(id: "join", pattern: Pattern("explain"), prompt: "SELECT ... Explain the above SQL statement.",
                         check: ExplainCheck(mentions: ["students"], judge: criteria),
                         location: SourceLocation(file: "explain.yaml", line: 4))])
    }

    static let right = "It lists the students of the Computer Science department, joining students to departments."
    static let vague = "It lists some students, and it is a fine query for the students table overall."
    static let garbled = "It returns students; the judge of this one answers prose instead of JSON."
    static let wordless = "It returns the names of the people in one department of the school."

    func judge(_ mode: RecordingMode, server: ChatServer?) -> ModelJudge {
        ModelJudge(
            model: "judge-1", directory: directory, mode: mode,
            client: server.map { OpenAIClient(baseURL: $0.baseURL, apiKey: nil, timeout: .seconds(20), retry: RetryPolicy(attempts: 1)) },
            recordCommand: "proctor run suites --judge-model judge-1 --record")
    }

    func verdicts(_ judge: ModelJudge, calibrations: JudgeCalibrations = JudgeCalibrations()) async throws -> [Verdict] {
        try await judge.start([suite])
        let grader = try await ExplainGrader(judge: judge, calibrations: calibrations).prepare(suite.cases[0], of: suite)
        var verdicts: [Verdict] = []
        for response in [Self.right, Self.vague, Self.garbled, Self.wordless] { verdicts.append(try await grader.grade(response)) }
        try await judge.finish()
        return verdicts
    }

    @Test func recordsTheJudgeThenReplaysItsVerdictsOffline() async throws {
        let server = try ChatServer()
        try await server.control(["answers": [
            "Computer Science": #"{"verdict": "pass", "criteria": [{"criterion": 1, "met": true, "reason": "names them"}, {"criterion": 2, "met": true, "reason": "says join"}]}"#,
            "fine query": "```json\n{\"verdict\": \"pass\", \"criteria\": [{\"criterion\": 1, \"met\": false, \"reason\": \"which students is not said\"}, {\"criterion\": 2, \"met\": false, \"reason\": \"no join\"}]}\n```",
            "prose instead": "Looks good to me!",
        ]])
        let recorded = try await verdicts(judge(.record, server: server))
        #expect(recorded.map(\.outcome) == [.pass, .fail, .error, .fail])
        #expect(recorded[0].reason == "mentions all of 1 terms; judge: all 2 criteria met")
        #expect(recorded[1].reason == "judge: not met: 1. says which students are listed (which students is not said); "
            + "2. mentions the join (no join) (its own verdict said pass; the criteria decide)")
        #expect(recorded[1].details.kind == "judge-unmet" && recorded[1].details.judge?.unmet == [1, 2])
        #expect(recorded[2].reason == "judge error: the judge's answer is unusable: not one JSON object")
        #expect(recorded[2].details.kind == "judge-error" && recorded[2].details.judge?.verdict == .error)
        #expect(recorded[3].reason == "does not mention \"students\"", "the word checks stay authoritative; no judge asked")
        let bodies = try await server.requests().map { "\($0["body"] ?? "")" }
        #expect(bodies.count == 3)
        #expect(bodies.allSatisfy { $0.contains("\"temperature\" : 0") || $0.contains("\"temperature\": 0") || $0.contains("temperature") })
        #expect(try await server.requests().allSatisfy { (($0["body"] as? [String: Any])?["messages"] as? [Any])?.count == 1 },
                "one user message, no system message")

        // Replay: no client at all; the same verdicts.
        let replayed = try await verdicts(judge(.replay, server: nil))
        #expect(replayed == recorded)
    }

    @Test func anUnreachableJudgeIsTheJudgesErrorAndAMissingRecordingIsBadInput() async throws {
        let server = try ChatServer()
        try await server.control(["queue": ["drop"]])
        try await judge(.record, server: server).start([suite])
        let grader = try await ExplainGrader(judge: judge(.record, server: server)).prepare(suite.cases[0], of: suite)
        let verdict = try await grader.grade(Self.right)
        #expect(verdict.outcome == .error && verdict.reason.hasPrefix("judge error: the judge could not be asked"))
        let replaying = judge(.replay, server: nil)
        try await replaying.start([suite])
        let offline = try await ExplainGrader(judge: replaying).prepare(suite.cases[0], of: suite)
        do {
            _ = try await offline.grade(Self.right)
            Issue.record("a missing judge recording must be bad input")
        } catch let error as BadInput {
            #expect(error.diagnostics.first?.message == "no recorded judge answer for explain/join with judge judge-1")
            #expect(error.diagnostics.first?.hint == "record it with `proctor run suites --judge-model judge-1 --record`")
        }
    }

    @Test func belowItsMinimumKappaOrUncalibratedTheJudgeOnlyAdvises() async throws {
        let server = try ChatServer()
        try await server.control(["answers": [
            "fine query": #"{"verdict": "fail", "criteria": [{"criterion": 1, "met": false}, {"criterion": 2, "met": true}]}"#,
        ]])
        var strict = suite
        strict.cases[0].check = ExplainCheck(mentions: ["students"], judge: JudgeCriteria(criteria: criteria.criteria, minKappa: 0.6))
        let judge = judge(.record, server: server)
        try await judge.start([strict])
        let key = JudgeCalibrations.Key(suite: "explain", judge: judge.identity)
        let current = JudgeCalibrations.fingerprint(of: strict)
        typealias Measure = JudgeCalibrations.Measure
        let cases: [([JudgeCalibrations.Key: Measure], String)] = [
            ([:], "never calibrated"),
            ([key: Measure(kappa: 0.41, labels: 50, fingerprint: current)], "kappa 0.41 below 0.60"),
            ([key: Measure(kappa: nil, labels: 50, fingerprint: current)], "kappa undefined (every label the same)"),
            ([key: Measure(kappa: 0.9, labels: 12, fingerprint: current)], "calibrated on 12 label(s), fewer than 20"),
            ([key: Measure(kappa: 0.9, labels: 50, fingerprint: "measured on other criteria")],
             "calibrated before the suite's judge criteria or prompt changed"),
        ]
        for (measures, advice) in cases {
            let grader = try await ExplainGrader(judge: judge, calibrations: JudgeCalibrations(measures: measures))
                .prepare(strict.cases[0], of: strict)
            let verdict = try await grader.grade(Self.vague)
            #expect(verdict.outcome == .pass)
            #expect(verdict.reason == "mentions all of 1 terms; judge (advisory, \(advice)): not met: 1. says which students are listed")
            #expect(verdict.details.judge?.advisory == true)
        }
        let deciding = try await ExplainGrader(
            judge: judge, calibrations: JudgeCalibrations(measures: [key: Measure(kappa: 0.7, labels: 50, fingerprint: current)])
        ).prepare(strict.cases[0], of: strict)
        #expect(try await deciding.grade(Self.vague).outcome == .fail)
        #expect(judge.identity == JudgeIdentity(model: "judge-1", settings: "seed=0 temperature=0"))
    }
}
