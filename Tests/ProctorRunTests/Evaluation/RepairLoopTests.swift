import Foundation
import ProctorCore
import ProctorReports
import ProctorRun
import Testing

/// The repair loop on recorded round lines, graded by the real Python sandbox.
@Suite struct RepairLoopTests {
    let folder: URL

    init() throws {
        folder = try RunFixtures.scratch()
        try """
            suite: loop
            cases:
              - id: add
                pattern: comments-to-code
                prompt: Write add(a, b).
                tests: |
                  assert add(1, 2) == 3
                  assert add(-1, 1) == 0
                repair: 2
              - id: mul
                pattern: comments-to-code
                prompt: Write mul(a, b).
                tests: "assert mul(2, 3) == 6"
                repair: 2
              - id: neg
                pattern: comments-to-code
                prompt: Write neg(a).
                tests: "assert neg(2) == -2"
            """.write(to: folder.appendingPathComponent("loop.yaml"), atomically: true, encoding: .utf8)
    }

    func samples(_ lines: [String]) throws -> SamplesFileSource {
        let file = folder.appendingPathComponent("samples-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return SamplesFileSource(file: file)
    }

    func run(_ source: any ResponseSource, repairRounds: Int? = nil) async throws -> EvaluationOutcome {
        try await Evaluation().run(EvaluationPlan(
            suitePaths: [folder.appendingPathComponent("loop.yaml").path], source: source, jobs: 2,
            reports: RunFixtures.reports(in: folder), repairRounds: repairRounds))
    }

    static func code(_ body: String) -> String {
        #"{"case": "CASE", "response": "```python\n"# + body + #"\n```"ROUND}"#
    }

    static func line(_ caseID: String, _ body: String, round: Int? = nil) -> String {
        code(body).replacingOccurrences(of: "CASE", with: caseID)
            .replacingOccurrences(of: "ROUND", with: round.map { ", \"round\": \($0)" } ?? "")
    }

    let lines = [
        line("add", "def add(a, b): return a - b"),
        line("add", "def add(a, b): return abs(a + b) + 0 if a > 0 else a - b", round: 2),
        line("add", "def add(a, b): return a + b", round: 3),
        line("mul", "def mul(a, b): return a + b"),
        line("neg", "def neg(a): return a"),
        line("neg", "def neg(a): return -a", round: 2),
    ]

    @Test func aFailingAnswerGetsFeedbackAndTheLastRoundIsTheVerdict() async throws {
        let outcome = try await run(try samples(lines))
        let byCase = Dictionary(uniqueKeysWithValues: outcome.report.results.map { ($0.sample.caseID, $0) })
        let add = try #require(byCase["add"])
        #expect(add.rounds.map(\.verdict.outcome) == [.fail, .fail, .pass])
        #expect(add.verdict.outcome == .pass && add.firstVerdict.outcome == .fail)
        #expect(add.sample.response.contains("return a + b"))
        let feedback = try #require(add.rounds[0].feedback)
        #expect(feedback.hasPrefix("Your answer did not pass: `assert add(1, 2) == 3` failed: AssertionError"))
        #expect(add.rounds[1].feedback?.contains("assert add(-1, 1) == 0") == true, "the second feedback is about round 2")
        #expect(add.rounds[2].feedback == nil)
        // mul has no round 2: its loop stops at round 1 and the run says so; neg allows no repair.
        #expect(byCase["mul"]?.rounds.map(\.verdict.outcome) == [.fail])
        #expect(byCase["mul"]?.verdict.outcome == .fail)
        #expect(byCase["neg"]?.rounds.isEmpty == true && byCase["neg"]?.verdict.outcome == .fail)
        #expect(outcome.report.notes.contains("repair: 1 sample(s) stopped before their last round: no answer recorded for round 2 (loop/mul #1)"))
        #expect(byCase["mul"]?.repairStopped == "no answer recorded for round 2")
        #expect(RepairTally.total(outcome.report.results) == RepairTally(group: nil, samples: 2, passedFirst: 0, passedFinal: 1, repaired: 1))

        let reports = RunFixtures.reports(in: folder)
        let path = try #require(reports.results)
        let results = try ResultsReader.samples(URL(fileURLWithPath: path), displayPath: path)
        let read = try #require(results.first { $0.sample.caseID == "add" })
        #expect(read.rounds == add.rounds, "the results file keeps every round")
        let junit = try String(contentsOfFile: try #require(reports.junit), encoding: .utf8)
        #expect(junit.contains(#"<property name="first_round_pass_rate" value="0.000"/>"#))
        #expect(junit.contains(#"<property name="final_pass_rate" value="0.500"/>"#))
        let summary = try String(contentsOfFile: try #require(reports.summary), encoding: .utf8)
        #expect(summary.contains("first round 0/2 (0.0%), after repair 1/2 (50.0%)"))
    }

    @Test func theRunsRoundsOverrideTheCasesOnCasesThatRunCode() async throws {
        let off = try await run(try samples(lines), repairRounds: 0)
        #expect(off.report.results.allSatisfy { $0.rounds.isEmpty })
        #expect(off.report.tally.passed == 0)
        let one = try await run(try samples(lines), repairRounds: 1)
        let byCase = Dictionary(uniqueKeysWithValues: one.report.results.map { ($0.sample.caseID, $0) })
        #expect(byCase["add"]?.rounds.count == 2 && byCase["add"]?.verdict.outcome == .fail)
        #expect(byCase["neg"]?.rounds.map(\.verdict.outcome) == [.fail, .pass])
    }

    @Test func repairingWithoutAnyRoundLinesIsBadInputOnlyWhenTheRunAsksForIt() async throws {
        let firstOnly = [Self.line("add", "def add(a, b): return a - b")]
        await #expect(throws: BadInput.self) { try await run(try samples(firstOnly), repairRounds: 1) }
        let outcome = try await run(try samples(firstOnly))
        #expect(outcome.report.notes.contains {
            $0.hasPrefix("repair: 1 sample(s) stopped before their last round: the responses have no lines with a \"round\" (loop/add #1)")
        })
    }

    @Test func anUnansweredSampleCountsInBothRatesAndUnreachableRoundLinesAreWarned() async throws {
        let outcome = try await run(try samples([
            Self.line("add", "def add(a, b): return a + b"),
            Self.line("neg", "def neg(a): return -a"),
            Self.line("neg", "def neg(a): return -a", round: 2),
        ]))
        let mul = try #require(outcome.report.results.first { $0.sample.caseID == "mul" })
        #expect(mul.rounds.map(\.verdict.reason) == ["no response"])
        #expect(RepairTally.total(outcome.report.results) == RepairTally(group: nil, samples: 2, passedFirst: 1, passedFinal: 1))
        let batch = try await samples([Self.line("neg", "x"), Self.line("neg", "y", round: 2)]).samples(for: [
            try PatternRegistry.shipped.suiteLoader.load(file: folder.appendingPathComponent("loop.yaml"))])
        let warnings = Evaluation.unusedRounds(try #require(batch.repairs as? RecordedRounds), suites: [
            try PatternRegistry.shipped.suiteLoader.load(file: folder.appendingPathComponent("loop.yaml"))], override: nil)
        #expect(warnings.map(\.message) == ["1 round line(s) not used: their case allows no repair (no `repair:`)"])
    }

    @Test func anObjectHandedTheExpectedValueCannotRaiseItIntoTheFeedback() async throws {
        let leak = #"class Leak:\n    def __init__(self, a, b): self.args = (a, b)\n    def __eq__(self, other): raise ValueError(repr((self.args, other)))\n    __hash__ = None\ndef add(a, b): return Leak(a, b)"#
        let outcome = try await run(try samples([
            #"{"case": "add", "response": "```python\n"# + leak + #"\n```"}"#, Self.line("add", "def add(a, b): return 0", round: 2),
        ]))
        let add = try #require(outcome.report.results.first { $0.sample.caseID == "add" })
        let feedback = try #require(add.rounds.first?.feedback)
        #expect(!feedback.contains("((1, 2), 3)") && !add.verdict.reason.contains("3)"), "\(feedback)")
        #expect(add.rounds.first?.verdict.outcome == .fail)
    }

    @Test func anAnswerThatAttacksTheGraderGetsNoFeedback() async throws {
        let patch = #"import sys\nframe = sys._getframe()\ndef add(a, b): return 0"#
        let outcome = try await run(try samples([
            #"{"case": "add", "response": "```python\n"# + patch + #"\n```"}"#,
            Self.line("add", "def add(a, b): return a + b", round: 2),
        ]))
        let add = try #require(outcome.report.results.first { $0.sample.caseID == "add" })
        #expect(add.firstVerdict.details.kind == "tampered")
        #expect(add.rounds.count == 1 && add.rounds[0].feedback == nil && add.verdict.outcome == .error)
        #expect(add.repairStopped == "an answer that attacked the grader (tampered) gets no feedback")
    }
}
