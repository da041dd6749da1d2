import Foundation
import ProctorReports
import Testing

@Suite(.serialized) struct RunCommandTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    func reportFlags() -> [String] {
        ["--junit", out.appendingPathComponent("junit.xml").path,
         "--results", out.appendingPathComponent("results.jsonl").path,
         "--summary", out.appendingPathComponent("summary.md").path,
         "--history", out.appendingPathComponent("history.sqlite").path,
         "--html", out.appendingPathComponent("index.html").path]
    }

    func results() throws -> [[String: Any]] {
        let data = try Data(contentsOf: out.appendingPathComponent("results.jsonl"))
        return try data.split(separator: UInt8(ascii: "\n")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
    }

    @Test func gradesTheShippedSuitesOnRecordedResponses() throws {
        let output = try ProctorCLI.run(["run"] + reportFlags())
        #expect(output.status == 0, "\(output.stderr)")
        let lines = try results()
        // One results line per first answer: a line with a "round" is a later answer of the same sample.
        let recorded = try FileManager.default.contentsOfDirectory(
            at: ProctorCLI.root.appendingPathComponent("fixtures/responses"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "jsonl" }
            .reduce(0) { count, file in
                count + (try String(contentsOf: file, encoding: .utf8)).split(separator: "\n").filter {
                    (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["round"] == nil
                }.count
            }
        #expect(lines.count == recorded)
        let verdicts = Set(lines.compactMap { $0["verdict"] as? String })
        #expect(verdicts == ["pass", "fail", "error"])
        func verdict(_ suite: String, _ id: String, _ sample: String) -> String? {
            lines.first { $0["suite"] as? String == suite && $0["case"] as? String == id && $0["sample"] as? String == sample }?["verdict"] as? String
        }
        #expect(verdict("school", "cs-students", "1") == "pass")
        #expect(verdict("school", "departments-without-students", "1") == "fail")
        #expect(verdict("school", "enrolments-per-year", "2") == "error")
        #expect(verdict("explain", "explain-join", "2") == "fail")
        #expect(verdict("python-programs", "greet-user", "1") == "pass")
        #expect(verdict("python-programs", "movies-json", "1") == "fail")
        #expect(verdict("python-programs", "stack-class", "3") == "pass")
        #expect(verdict("python-completion", "multiply-add-75", "2") == "pass")
        #expect(verdict("python-completion", "count-vowels", "3") == "error")
        // The repair story: feedback turns two failing answers into passes, one fix breaks another test, and a
        // malformed diff takes two more rounds.
        func rounds(_ suite: String, _ id: String, _ sample: String) -> [String] {
            let line = lines.first { $0["suite"] as? String == suite && $0["case"] as? String == id && $0["sample"] as? String == sample }
            return (line?["rounds"] as? [[String: Any]] ?? []).compactMap { $0["verdict"] as? String }
        }
        #expect(rounds("debug", "fix-average", "2") == ["fail", "pass"])
        #expect(rounds("debug", "fix-average", "3") == ["fail", "fail"])
        #expect(verdict("debug", "fix-average", "3") == "fail")
        #expect(rounds("edit", "skip-empty-pairs", "3") == ["fail", "pass"])
        #expect(rounds("edit", "skip-empty-pairs", "4") == ["error", "error", "pass"])
        #expect(rounds("edit", "add-department-name", "2") == ["fail", "pass"])
        #expect(rounds("edit", "default-greeting", "3").isEmpty, "a case without `repair` has no rounds")
        #expect(output.stdout.contains("repair loop: demo-model first round 4/9 (44.4%), after repair 8/9 (88.9%)"))
        #expect(output.stdout.contains("well-formed edits: demo-model 18 of 20 (90.0%)"))
        let movies = lines.first { $0["case"] as? String == "movies-json" && $0["sample"] as? String == "1" }
        #expect(movies?["reason"] as? String == "lint: undefined name 'json' (line 20)")
        #expect(output.stderr.contains("sandbox: "))
        #expect(output.stdout.contains("total"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.hasPrefix("## Proctor: "))
        #expect(summary.contains("| python-programs | 11 | 10 | 7 | 39.3% |"))
        #expect(summary.contains("| explain/explain-join #2 \\[demo-model\\] | fail | ` refusal: "))
        #expect(output.stdout.contains("FAIL explain/explain-join #2"))
    }

    @Test(.enabled(if: ProctorCLI.hasSchema, "shared/conformance/junit-10.xsd is absent beside the repository"))
    func scorecardValidatesAgainstTheJenkinsSchema() throws {
        let output = try ProctorCLI.run(["run"] + reportFlags())
        #expect(output.status == 0, "\(output.stderr)")
        let xml = try Data(contentsOf: out.appendingPathComponent("junit.xml"))
        let problems = try JUnitSchemaValidator(schema: ProctorCLI.schema).validate(xml)
        #expect(problems.isEmpty, "\(problems)")
        #expect(String(decoding: xml, as: UTF8.self).contains("<property name=\"sandbox\" value=\"sandbox: "))
    }

    @Test func gateFailsWithExitOneAndStillWritesReports() throws {
        let output = try ProctorCLI.run(["run", "--min-pass-rate", "0.99"] + reportFlags())
        #expect(output.status == 1)
        #expect(output.stdout.contains("gate failed"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("junit.xml").path))
        #expect(try results().count > 0)
        let met = try ProctorCLI.run(["run", "--min-pass-rate", "0.1", "--quiet"] + reportFlags())
        #expect(met.status == 0)
        #expect(met.stdout.contains("gate met"))
    }

    @Test func runsAppendToOneHistoryEvenAtOnceAndHistoryShowsThem() throws {
        let runs = try ProctorCLI.runAtOnce(Array(repeating: ["run", "suites/explain.yaml", "-q"] + reportFlags(), count: 3))
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let history = try ProctorCLI.run(["history", "--history", out.appendingPathComponent("history.sqlite").path])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.hasPrefix("3 run(s), "))
        #expect(history.stdout.contains(try Regex(#"  explain \[demo-model\] +50\.0% +50\.0% +50\.0%\n"#)))
        #expect(history.stdout.contains(try Regex(#"  explain \[demo-model, python-only\] +0\.0% +0\.0% +0\.0%\n"#)))
        #expect(history.stdout.contains("explain/explain-join #2 [demo-model]: since "))
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<h2 id=\"trend\">Pass rate over the last 3 runs</h2>"))
        #expect(page.contains("<polyline"))
        #expect(page.contains("Sorry, as a code assistant in Python, I cannot explain SQL statements."))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("<script"),
                "the report loads nothing from elsewhere")
        let none = try ProctorCLI.run(["history", "--history", out.appendingPathComponent("nope.sqlite").path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no history yet"))
    }

    @Test func suiteAndPatternGatesFromTheCommandLineAndTheSuiteFile() throws {
        let gated = try ProctorCLI.run(
            ["run", "suites/school.yaml", "-q", "--min-pass-rate", "0.3",
             "--min-pass-rate-suite", "school=0.9", "--min-pass-rate-pattern", "sql=0.5"] + reportFlags())
        #expect(gated.status == 1)
        #expect(gated.stdout.contains("gate met: overall pass rate 57.1% (8 of 14) ≥ 30.0%"))
        #expect(gated.stdout.contains("gate failed: suite school pass rate 57.1% (8 of 14) is below 90.0%"))
        #expect(gated.stdout.contains("gate met: pattern sql pass rate 57.1% (8 of 14) ≥ 50.0%"))
        let suite = out.appendingPathComponent("gated.yaml")
        let school = try String(contentsOf: ProctorCLI.root.appendingPathComponent("suites/school.yaml"), encoding: .utf8)
        try Data(school.replacingOccurrences(of: "suite: school\n", with: "suite: school\nmin_pass_rate: 0.95\n")
            .replacingOccurrences(of: "../fixtures/", with: ProctorCLI.root.appendingPathComponent("fixtures").path + "/")
            .utf8).write(to: suite)
        let fromFile = try ProctorCLI.run(
            ["run", suite.path, "-q", "--responses", ProctorCLI.root.appendingPathComponent("fixtures/responses").path]
            + reportFlags())
        #expect(fromFile.status == 1, "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains("gate failed: suite school pass rate 57.1% (8 of 14) is below 95.0%"))
        for bad in [["--min-pass-rate-suite", "school"], ["--min-pass-rate-pattern", "cobol=0.5"], ["--min-pass-rate-suite", "s=2"]] {
            #expect(try ProctorCLI.run(["run", "suites/school.yaml"] + bad + reportFlags()).status == 2)
        }
    }

    @Test func regressionsAgainstABaselineGateTheRunAndFlakyCasesDoNotCount() throws {
        let samples = out.appendingPathComponent("now.jsonl")
        try Data("""
            {"case": "cs-students", "response": "SELECT name FROM students"}
            {"case": "top-three-gpa", "response": "SELECT name, gpa FROM students ORDER BY gpa DESC LIMIT 3"}
            {"case": "top-three-gpa", "response": "SELECT name FROM students"}
            """.utf8).write(to: samples)
        let baseline = out.appendingPathComponent("baseline.jsonl")
        try Data("""
            {"suite": "school", "case": "cs-students", "sample": "1", "pattern": "sql", "model": null, "verdict": "pass"}
            {"suite": "school", "case": "top-three-gpa", "sample": "1", "pattern": "sql", "model": null, "verdict": "fail"}
            {"suite": "school", "case": "top-three-gpa", "sample": "2", "pattern": "sql", "model": null, "verdict": "pass"}
            """.utf8).write(to: baseline)
        let gated = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--samples", samples.path, "--answered-only", "--baseline", baseline.path, "-q"]
                + reportFlags())
        #expect(gated.status == 1, "\(gated.stderr)")
        #expect(gated.stdout.contains("regressed: school/cs-students #1\n"))
        #expect(gated.stdout.contains("flaky (not counted): school/top-three-gpa #2\n"))
        #expect(gated.stdout.contains("gate failed: 1 regression(s) against \(baseline.path), more than --max-regressions 0"))
        #expect(try results().count == 3)
        let allowed = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--samples", samples.path, "--answered-only", "--baseline", baseline.path,
             "--max-regressions", "1",
             "-q"] + reportFlags())
        #expect(allowed.status == 0)
        #expect(allowed.stdout.contains("gate met: 1 regression(s)"))
        let missing = try ProctorCLI.run(["run", "suites/school.yaml", "--baseline", out.appendingPathComponent("nope").path] + reportFlags())
        #expect(missing.status == 2)
        #expect(try ProctorCLI.run(["run", "--max-regressions", "1"] + reportFlags()).status == 2)
    }

    @Test(arguments: [["--min-pass-rate", "1.5"], ["--jobs", "0"], ["--no-such-flag"], ["--jobs", "many"]])
    func usageErrorsExitTwo(_ flags: [String]) throws {
        let output = try ProctorCLI.run(["run"] + flags + reportFlags())
        #expect(output.status == 2, "\(output.stderr)")
        #expect(!output.stderr.isEmpty)
    }

    @Test func gradesASamplesFileAndSelectsOneSuite() throws {
        let samples = out.appendingPathComponent("samples.jsonl")
        try Data("""
            {"case": "cs-students", "response": "SELECT s.name FROM students s JOIN departments d ON d.id = s.department_id WHERE d.name = 'Computer Science'"}
            {"case": "cs-students", "response": "```sql\\nSELECT name FROM students\\n```"}
            """.utf8).write(to: samples)
        let output = try ProctorCLI.run(["run", "suites/school.yaml", "--samples", samples.path, "--answered-only"] + reportFlags())
        #expect(output.status == 0, "\(output.stderr)")
        let lines = try results()
        #expect(lines.map { $0["verdict"] as? String } == ["pass", "fail"])
        #expect(lines.map { $0["sample"] as? String } == ["1", "2"])
        #expect(output.stderr.contains("--answered-only: left out 5 expected sample(s) of cases without a response"))
    }

    @Test func badSamplesFileNamesFileAndLine() throws {
        let samples = out.appendingPathComponent("bad.jsonl")
        try Data("{\"case\": \"cs-students\", \"response\": \"SELECT 1\"}\n{oops\n{\"case\": \"nope\", \"response\": \"x\"}\n".utf8)
            .write(to: samples)
        let output = try ProctorCLI.run(["run", "suites", "--samples", samples.path] + reportFlags())
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(samples.path):2: error: not valid JSON"))
        let unknown = out.appendingPathComponent("unknown.jsonl")
        try Data("{\"case\": \"nope\", \"response\": \"x\"}\n".utf8).write(to: unknown)
        let second = try ProctorCLI.run(["run", "suites/explain.yaml", "--samples", unknown.path] + reportFlags())
        #expect(second.status == 2)
        #expect(second.stderr.contains("\(unknown.path):1: error: unknown case 'nope'"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("junit.xml").path))
    }

    @Test func invalidSuiteNamesFileAndLine() throws {
        let suite = out.appendingPathComponent("broken.yaml")
        try Data("cases:\n  - id: a\n    pattern: sql\n    prompt: p\n    database: nowhere.sql\n    gold: SELECT 1\n".utf8)
            .write(to: suite)
        let output = try ProctorCLI.run(["run", suite.path] + reportFlags())
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(suite.path):5:15: error: fixture not found: nowhere.sql"))
    }

    @Test func missingRecordingsListWhatToAdd() throws {
        let responses = try ProctorCLI.temporaryDirectory()
        let output = try ProctorCLI.run(["run", "suites/explain.yaml", "--responses", responses.path] + reportFlags())
        #expect(output.status == 2)
        #expect(output.stderr.contains("no recorded response for explain/explain-join"))
    }
}
