import Foundation
import ProctorCore
import ProctorRun
import Testing

@Suite struct CaseSelectionTests {
    func explain(_ id: String, tags: [String] = []) -> Case {
        var testCase = Case(id: id, pattern: .explain, prompt: "Explain.", check: ExplainCheck(),
                            location: SourceLocation(file: "s.yaml"))
        testCase.tags = tags
        return testCase
    }

    var loaded: [Suite] {
        [
            Suite(name: "school", file: URL(fileURLWithPath: "school.yaml"),
                  cases: [explain("cs-students", tags: ["joins"]), explain("top-three", tags: ["order"])]),
            Suite(name: "humaneval", file: URL(fileURLWithPath: "h.yaml"),
                  cases: [explain("HumanEval/1"), explain("HumanEval/12"), explain("HumanEval/2")]),
        ]
    }

    func selected(_ selection: CaseSelection) throws -> [String] {
        try selection.apply(to: loaded).suites.flatMap { suite in suite.cases.map { "\(suite.name)/\($0.id)" } }
    }

    @Test func anEmptySelectionSelectsEveryCaseAndIsNoSubset() throws {
        let all = try CaseSelection().apply(to: loaded)
        #expect(all.selectedCases == 5)
        #expect(all.leftOut.isEmpty && all.summary == nil)
    }

    @Test func globsMatchIdsOrSuiteSlashIdAndStarCrossesSlashes() throws {
        #expect(try selected(CaseSelection(cases: ["HumanEval/1?"])) == ["humaneval/HumanEval/12"])
        #expect(try selected(CaseSelection(cases: ["school/*"])) == ["school/cs-students", "school/top-three"])
        #expect(try selected(CaseSelection(cases: ["*/1"])) == ["humaneval/HumanEval/1"])
        #expect(try selected(CaseSelection(suites: ["h*"], cases: ["*2"])) == ["humaneval/HumanEval/12", "humaneval/HumanEval/2"])
    }

    @Test func valuesOfOneFlagAreAlternativesAndFlagsCombine() throws {
        #expect(try selected(CaseSelection(tags: ["joins", "order"])) == ["school/cs-students", "school/top-three"])
        #expect(try selected(CaseSelection(tags: ["joins"], patterns: [.explain])) == ["school/cs-students"])
        let failed = FailedCases(path: "r.jsonl", cases: [CaseKey(suite: "humaneval", caseID: "HumanEval/2")])
        let subset = try CaseSelection(suites: ["*"], failed: failed).apply(to: loaded)
        #expect(subset.suites.map(\.name) == ["humaneval"])
        #expect(subset.leftOut.count == 4)
        #expect(subset.summary == "--suite * --rerun-failed r.jsonl: 1 of 5 cases (1 of 2 suites)")
    }

    @Test func nothingSelectedNamesEachCriterionThatMatchesNothing() throws {
        do {
            _ = try CaseSelection(suites: ["shop"], tags: ["joins"], patterns: [.sql]).apply(to: loaded)
            Issue.record("selected something")
        } catch let error as BadInput {
            #expect(error.diagnostics.map(\.message) == [
                "--suite shop matches no suite",
                "--pattern sql is the pattern of no case",
                "nothing selected: --suite shop --tag joins --pattern sql selects none of the 5 case(s) of suite(s) school, humaneval",
            ])
        }
        do {
            _ = try CaseSelection(suites: ["humaneval"], tags: ["joins"]).apply(to: loaded)
            Issue.record("selected something")
        } catch let error as BadInput {
            #expect(error.diagnostics.last?.hint == "each criterion matches some case, but no case meets them all")
        }
    }

    @Test func rerunFailedReadsTheCasesThatDidNotPass() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("failed-\(UUID().uuidString).jsonl")
        let line = { (caseID: String, sample: String, verdict: String) in
            #"{"suite": "school", "case": "\#(caseID)", "sample": "\#(sample)", "pattern": "explain", "verdict": "\#(verdict)", "reason": "r"}"#
        }
        try [line("cs-students", "1", "pass"), line("cs-students", "2", "fail"), line("top-three", "1", "pass"),
             line("gone", "1", "error")].joined(separator: "\n").write(to: folder, atomically: true, encoding: .utf8)
        let failed = try FailedCases.read(folder.path)
        #expect(failed.cases == [CaseKey(suite: "school", caseID: "cs-students"), CaseKey(suite: "school", caseID: "gone")])
    }
}
