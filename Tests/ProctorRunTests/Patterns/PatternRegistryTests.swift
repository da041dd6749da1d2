import Foundation
import ProctorCore
import ProctorRun
import ProctorSuites
import Testing

extension Pattern {
    static let shout = Pattern("shout")
}

/// A pattern defined outside the library, as a contributor adds one: the response must be the `word` in capitals.
struct ShoutPattern: PatternDefinition {
    struct Check: CaseCheck {
        var word: String
    }

    struct ShoutGrader: Grader, CaseGrader {
        var word = ""

        func prepare(_ testCase: Case, of suite: Suite) async throws -> any CaseGrader {
            guard let check = testCase.check as? Check else {
                throw BadInput(.error("not a shout case", at: testCase.location))
            }
            return ShoutGrader(word: check.word)
        }

        func grade(_ response: String) async throws -> Verdict {
            let said = response.trimmingCharacters(in: .whitespacesAndNewlines)
            return said == word.uppercased()
                ? .pass("shouted", details: VerdictDetails(kind: "passed"))
                : .fail("not shouted", details: VerdictDetails(kind: "quiet", expected: word.uppercased(), got: said))
        }
    }

    var pattern: Pattern { .shout }
    var caseKeys: Set<String> { ["word"] }
    var defaultKeys: Set<String> { [] }
    var defaultTimeout: Duration { .seconds(1) }

    func check(from fields: inout CaseFields) -> (any CaseCheck)? {
        guard let word = fields.string("word") else {
            fields.error("shout case '\(fields.id)' has no `word`")
            return nil
        }
        return Check(word: word)
    }

    func grader(in context: GraderContext) throws -> any Grader { ShoutGrader() }
}

@Suite struct PatternRegistryTests {
    @Test func shippedPatternsAreRegisteredOnce() {
        let names = PatternRegistry.shipped.names.map(\.rawValue)
        #expect(names == ["sql", "explain", "comments-to-code", "completion", "edit", "debug"])
    }

    @Test func aPatternAddedToTheListIsReadGradedAndReportedWithNothingElseChanged() async throws {
        let folder = try RunFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            suite: loud
            cases:
              - id: hello
                pattern: shout
                prompt: Say hello, loudly.
                word: hello
            """.write(to: folder.appendingPathComponent("loud.yaml"), atomically: true, encoding: .utf8)
        let samples = folder.appendingPathComponent("samples.jsonl")
        try """
            {"suite": "loud", "case": "hello", "sample": "1", "response": "HELLO"}
            {"suite": "loud", "case": "hello", "sample": "2", "response": "hello"}
            """.write(to: samples, atomically: true, encoding: .utf8)
        let registry = PatternRegistry(PatternRegistry.shipped.patterns + [ShoutPattern()])
        let outcome = try await Evaluation(registry: registry).run(EvaluationPlan(
            suitePaths: [folder.appendingPathComponent("loud.yaml").path], source: SamplesFileSource(file: samples),
            jobs: 1, gates: Gates(passRates: [PassRateGate(.pattern(.shout), minimum: 0.5)]),
            reports: RunFixtures.reports(in: folder)))
        #expect(outcome.report.results.map(\.verdict.outcome) == [.pass, .fail])
        #expect(outcome.report.results[1].verdict.details.got == "hello")
        #expect(outcome.gates.map(\.summary) == ["gate met: pattern shout pass rate 50.0% (1 of 2) ≥ 50.0%"])
        let results = try String(contentsOf: folder.appendingPathComponent("run.jsonl"), encoding: .utf8)
        #expect(results.contains(#""details":{"expected":"HELLO","got":"hello","kind":"quiet"}"#))

        let unknown = #expect(throws: BadInput.self) {
            try PatternRegistry.shipped.suiteLoader.load(paths: [folder.appendingPathComponent("loud.yaml").path])
        }
        #expect(unknown?.diagnostics.first?.message == "unknown pattern 'shout' in case 'hello'")
        #expect(unknown?.diagnostics.first?.hint == "one of: sql, explain, comments-to-code, completion, edit, debug")
    }
}
