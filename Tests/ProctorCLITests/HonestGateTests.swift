import Foundation
import ProctorReports
import Testing

/// The gate is never green by accident: missing answers, baselines that pair nothing, several groups, unknown names.
@Suite(.serialized) struct HonestGateTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    func flags(_ name: String = "run") -> [String] {
        ["--junit", out.appendingPathComponent("\(name).xml").path, "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path, "--html", out.appendingPathComponent("\(name).html").path,
         "--no-history"]
    }

    func write(_ name: String, _ lines: [String]) throws -> String {
        let url = out.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func objects(_ name: String = "run") throws -> [[String: Any]] {
        try String(contentsOf: out.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Answers to two of school's six cases: one right, one wrong.
    func twoAnswers() throws -> String {
        try write("two.jsonl", [
            #"{"case": "cs-students", "model": "m", "response": "SELECT s.name FROM students s JOIN departments d ON d.id = s.department_id WHERE d.name = 'Computer Science'"}"#,
            #"{"case": "students-per-department", "model": "m", "response": "SELECT 1"}"#,
        ])
    }

    @Test func expectedSamplesWithoutAnAnswerAreErrorsThatCountInEveryReport() throws {
        let samples = try twoAnswers()
        let run = try ProctorCLI.run(["run", "suites/school.yaml", "--samples", samples, "--min-pass-rate", "0.9"] + flags())
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("gate failed: overall pass rate 16.7% (1 of 6) is below 90.0%"))
        #expect(run.stderr.contains("4 expected sample(s) have no response and count as errors"))
        let lines = try objects()
        #expect(lines.count == 6)
        let missing = lines.filter { $0["reason"] as? String == "no response" }
        #expect(missing.count == 4)
        #expect(missing.allSatisfy { $0["verdict"] as? String == "error" && $0["model"] as? String == "m" })
        let junit = try String(contentsOf: out.appendingPathComponent("run.xml"), encoding: .utf8)
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == 6)
        #expect(junit.contains(#"message="no response""#))
        let summary = try String(contentsOf: out.appendingPathComponent("run.md"), encoding: .utf8)
        #expect(summary.contains("| school | 1 | 1 | 4 | 16.7% |"))
        let html = try String(contentsOf: out.appendingPathComponent("run.html"), encoding: .utf8)
        #expect(html.contains("no response"))

        let answered = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--samples", samples, "--answered-only", "--min-pass-rate", "0.5"] + flags("a"))
        #expect(answered.status == 0, "\(answered.stderr)")
        #expect(try objects("a").count == 2)
        let answeredSummary = try String(contentsOf: out.appendingPathComponent("a.md"), encoding: .utf8)
        #expect(answeredSummary.contains("left out 4 expected sample(s) of cases without a response"))
        let answeredJUnit = try String(contentsOf: out.appendingPathComponent("a.xml"), encoding: .utf8)
        #expect(answeredJUnit.contains(#"<property name="left_out" value="4"/>"#))
        #expect(try ProctorCLI.run(["run", "suites/school.yaml", "--answered-only"] + flags("x")).status == 2)
    }

    @Test func answersUnderOtherSampleIdsCountAndAFileThatAnswersNothingIsBadInput() throws {
        let zeroBased = try write("zero.jsonl", [
            #"{"case": "cs-students", "sample": 0, "model": "m", "response": "SELECT 1"}"#,
            #"{"case": "students-per-department", "sample": "gen-7", "model": "m", "response": "SELECT 1"}"#,
        ])
        let run = try ProctorCLI.run(["run", "suites/school.yaml", "--samples", zeroBased, "-q"] + flags())
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try objects().map { "\($0["case"] ?? "") #\($0["sample"] ?? "") \($0["reason"] ?? "")" }
        #expect(lines.filter { $0.hasSuffix("no response") }.count == 4, "the two answered cases get no phantom sample 1: \(lines)")
        #expect(!lines.contains("cs-students #1 no response"))

        let elsewhere = try write("elsewhere.jsonl", [#"{"suite": "library", "case": "x", "response": "SELECT 1"}"#])
        for file in [elsewhere, try write("empty.jsonl", [])] {
            let nothing = try ProctorCLI.run(["run", "suites/school.yaml", "--samples", file] + flags("n"))
            #expect(nothing.status == 2, "\(nothing.stdout)")
            #expect(nothing.stderr.contains("nothing to grade: the samples file answers no case of the selected suites (school)"))
        }
    }

    @Test func sampleIdsHaveOneSpellingAndExtrasBeyondADeclaredCountAreBadInput() throws {
        let spelled = try write("spelled.jsonl", [
            #"{"case": "cs-students", "sample": 1, "response": "SELECT 1"}"#,
            #"{"case": "cs-students", "sample": "01", "response": "SELECT 2"}"#,
        ])
        let duplicate = try ProctorCLI.run(["run", "suites/school.yaml", "--samples", spelled] + flags())
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr.contains("duplicate sample '1' of case 'school/cs-students'"))
        let suite = try write("declared.yaml", [
            "suite: declared", "cases:", "  - {id: one, pattern: explain, prompt: p, samples: 1}",
        ])
        let extra = try write("extra.jsonl", [
            #"{"case": "one", "response": "This explains the thing well enough for anyone to follow along."}"#,
            #"{"case": "one", "response": "This explains the thing well enough for anyone to follow along."}"#,
        ])
        let beyond = try ProctorCLI.run(["run", suite, "--samples", extra] + flags())
        #expect(beyond.status == 2)
        #expect(beyond.stderr.contains("declared/one #2 is more than the 1 sample(s) case 'one' expects"))
    }

    @Test func recordedResponsesMustCoverEveryGroupOfEveryCase() throws {
        let responses = out.appendingPathComponent("responses")
        try FileManager.default.createDirectory(at: responses, withIntermediateDirectories: true)
        let school = try String(contentsOf: ProctorCLI.root.appendingPathComponent("fixtures/responses/school.jsonl"), encoding: .utf8)
        let other = #"{"suite": "school", "case": "cs-students", "model": "other", "response": "SELECT 1"}"#
        try (school + other + "\n").write(to: responses.appendingPathComponent("school.jsonl"), atomically: true, encoding: .utf8)
        let run = try ProctorCLI.run(["run", "suites/school.yaml", "--responses", responses.path] + flags())
        #expect(run.status == 2)
        #expect(run.stderr.contains("no recorded response for school/students-per-department #1 [other]"))
        let variant = #"{"suite": "school", "case": "cs-students", "variant": "nope", "model": "demo-model", "response": "SELECT 1"}"#
        try (school + variant + "\n").write(to: responses.appendingPathComponent("school.jsonl"), atomically: true, encoding: .utf8)
        let unknown = try ProctorCLI.run(["run", "suites/school.yaml", "--responses", responses.path] + flags())
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("suite 'school' has no variant 'nope'"))
    }

    @Test func aCaseExpectsItsSamplesCountPerGroup() throws {
        let suite = try write("twice.yaml", [
            "suite: twice", "defaults: {samples: 2}", "cases:",
            "  - {id: one, pattern: explain, prompt: p, mentions: [join*]}",
        ])
        let samples = try write("twice.jsonl", [
            #"{"case": "one", "model": "a", "response": "This joins the two tables on the key and returns what matches, nothing more to it."}"#,
            #"{"case": "one", "model": "b", "sample": "2", "response": "This joins the two tables on the key and returns what matches, nothing more to it."}"#,
        ])
        let run = try ProctorCLI.run(["run", suite, "--samples", samples, "-q"] + flags())
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try objects().map { "\($0["model"] ?? "") #\($0["sample"] ?? "") \($0["verdict"] ?? "")" }
        #expect(lines == ["a #1 pass", "a #2 error", "b #1 error", "b #2 pass"])
    }

    @Test func baselinesPairHonestly() throws {
        let samples = try twoAnswers()
        // The baseline: sample 1 of every school case with model m, failures made passes; a sample of another model
        // and one of a case that no longer exists.
        let baselineRun = try ProctorCLI.run(["run", "suites/school.yaml", "-q"] + flags("base"))
        #expect(baselineRun.status == 0)
        var base = try String(contentsOf: out.appendingPathComponent("base.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { $0.contains(#""sample":"1""#) }
        base = base.map { $0.replacingOccurrences(of: #""model":"demo-model""#, with: #""model":"m""#) }
            .map { $0.replacingOccurrences(of: #""verdict":"fail""#, with: #""verdict":"pass""#) }
        base.append(#"{"case":"cs-students","model":"other","pattern":"sql","reason":"ok","response":"","sample":"1","suite":"school","verdict":"pass"}"#)
        base.append(#"{"case":"gone","model":"m","pattern":"sql","reason":"ok","response":"","sample":"1","suite":"school","verdict":"pass"}"#)
        let baseline = try write("baseline.jsonl", base)
        let run = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--samples", samples, "--baseline", baseline, "--max-regressions", "2"] + flags())
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        // students-per-department fails now; the four cases without an answer have no passing answer now.
        #expect(run.stdout.contains("regressed: school/students-per-department #1 [m]"))
        #expect(run.stdout.contains("regressed: school/top-three-gpa #1 [m]"))
        #expect(!run.stdout.contains("regressed: school/cs-students"))
        #expect(run.stdout.contains("not in this run (not counted): 2 baseline sample(s): school/cs-students #1 [other], school/gone #1 [m]"))
        #expect(run.stdout.contains("regression(s) against \(baseline), more than --max-regressions 2 (paired 6 of 8 baseline samples)"))
        let summary = try String(contentsOf: out.appendingPathComponent("run.md"), encoding: .utf8)
        #expect(summary.contains("paired 6 of 8 baseline samples"))

        let other = try write("other.jsonl", [
            #"{"case":"cs-students","model":"gpt-x","pattern":"sql","reason":"ok","response":"","sample":"1","suite":"school","verdict":"pass"}"#,
        ])
        let unpaired = try ProctorCLI.run(["run", "suites/school.yaml", "--samples", samples, "--baseline", other] + flags())
        #expect(unpaired.status == 2)
        #expect(unpaired.stderr.contains("the baseline shares no sample with this run: it holds 1 case(s) of suite(s) school from [gpt-x]; this run expects 6 case(s) of suite(s) school from [m]"))
    }

    @Test func passRateGatesApplyToEachModelAndVariantAndNameIt() throws {
        let run = try ProctorCLI.run(["run", "suites/explain.yaml", "-q", "--min-pass-rate", "0.4"] + flags())
        #expect(run.status == 1)
        #expect(run.stdout.contains("gate met: overall pass rate [demo-model] 50.0% (4 of 8) ≥ 40.0%"))
        #expect(run.stdout.contains("gate failed: overall pass rate [demo-model, python-only] 0.0% (0 of 4) is below 40.0%"))
        #expect(run.stdout.contains("gate met: overall pass rate [demo-model, explain-ok] 100.0% (4 of 4) ≥ 40.0%"))
    }

    @Test func gatesNamingNothingOfTheRunAreBadInput() throws {
        let suite = try ProctorCLI.run(["run", "suites/explain.yaml", "--min-pass-rate-suite", "nosuch=0.5"] + flags())
        #expect(suite.status == 2)
        #expect(suite.stderr.contains("the gate on suite 'nosuch' names no suite of this run"))
        let pattern = try ProctorCLI.run(["run", "suites/explain.yaml", "--min-pass-rate-pattern", "sql=0.5"] + flags())
        #expect(pattern.status == 2)
        #expect(pattern.stderr.contains("the gate on pattern 'sql' names no pattern of this run's cases"))
        let config = try write("config.yaml", ["models: [{model: demo-model}]", "gates: {suites: {nosuch: 0.5}}"])
        let configured = try ProctorCLI.run(["run", "suites/explain.yaml", "--config", config] + flags())
        #expect(configured.status == 2)
        #expect(configured.stderr.contains("\(config):2:"), "the configuration's line: \(configured.stderr)")
        #expect(configured.stderr.contains("error: the gate on suite 'nosuch' names no suite of this run"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("run.jsonl").path))
    }

    @Test func testcasesHaveUniqueStableNamesAndBoundedOutput() throws {
        let run = try ProctorCLI.run(["run", "-q"] + flags())
        #expect(run.status == 0)
        let junit = try String(contentsOf: out.appendingPathComponent("run.xml"), encoding: .utf8)
        let pairs = junit.matches(of: /<testcase name="([^"]*)" classname="([^"]*)"/).map { "\($0.output.2) :: \($0.output.1)" }
        let attributes = junit.matches(of: /<testcase [^>]*>/).count
        #expect(pairs.count == attributes, "testcase attributes in the expected order")
        #expect(pairs.count == 122)
        #expect(Set(pairs).count == pairs.count, "duplicates: \(Dictionary(grouping: pairs, by: { $0 }).filter { $0.value.count > 1 }.keys)")
        #expect(pairs.contains("explain [demo-model, python-only] :: explain-join"))
        #expect(pairs.contains("explain [demo-model] :: explain-join #2"))

        let big = String(repeating: "print('x' * 80)\n", count: 20_000)
        let samples = try write("big.jsonl", [
            "{\"suite\": \"explain\", \"case\": \"explain-join\", \"response\": \(String(decoding: try JSONEncoder().encode(big), as: UTF8.self))}",
        ])
        let large = try ProctorCLI.run(["run", "suites/explain.yaml", "--samples", samples, "-q"] + flags("big"))
        #expect(large.status == 0, "\(large.stderr)")
        let xml = try String(contentsOf: out.appendingPathComponent("big.xml"), encoding: .utf8)
        let outputs = xml.matches(of: /<system-out>([^<]*)<\/system-out>/).map { $0.output.1.utf8.count }
        #expect(outputs.allSatisfy { $0 <= 64 << 10 + 200 }, "\(outputs)")
        #expect(xml.contains("bytes left out here; the whole text is in the results file"))
        #expect(try objects("big").first?["response"] as? String == big)
    }
}
