import Foundation
import Testing

/// Selecting what to run: `--suite`, `--case`, `--tag`, `--pattern`, `--rerun-failed`; what a subset does to the
/// history, the gates and a baseline.
@Suite(.serialized) struct SelectionTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: out.appendingPathComponent("suites"), withIntermediateDirectories: true)
        try write("suites/a.yaml", """
            suite: alpha
            defaults:
              tags: nightly
            cases:
              - id: join
                pattern: explain
                prompt: Explain the join.
                mentions: [join]
                tags: [slow]
              - id: group
                pattern: explain
                prompt: Explain the grouping.
                mentions: [group]
            """)
        try write("suites/b.yaml", """
            suite: beta
            cases:
              - id: window
                pattern: explain
                prompt: Explain the window.
                mentions: [window]
                tags: fast
            """)
    }

    var suites: String { out.appendingPathComponent("suites").path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = out.appendingPathComponent(name)
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func flags(_ name: String = "run", history: Bool = false) -> [String] {
        ["--junit", out.appendingPathComponent("\(name).xml").path, "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path, "--html", out.appendingPathComponent("\(name).html").path]
            + (history ? [] : ["--no-history"])
    }

    /// The graded (suite, case) pairs of a results file, in order.
    func graded(_ name: String = "run") throws -> [String] {
        try String(contentsOf: out.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n").map {
            let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            return "\(object["suite"] ?? "")/\(object["case"] ?? "")"
        }
    }

    /// Answers every case: `join` and `window` right, `group` wrong; one line without `suite`.
    func answers() throws -> String {
        try write("answers.jsonl", """
            {"suite": "alpha", "case": "join", "response": "It is an inner join of the two tables on the key."}
            {"suite": "alpha", "case": "group", "response": "It counts the rows."}
            {"case": "window", "response": "A window function ranks each row within its partition."}
            """)
    }

    @Test func eachFlagSelectsAndTheirValuesAreAlternatives() throws {
        let samples = try answers()
        let cases: [([String], [String])] = [
            (["--suite", "al*"], ["alpha/join", "alpha/group"]),
            (["--suite", "beta", "--suite", "alpha"], ["alpha/join", "alpha/group", "beta/window"]),
            (["--case", "j*"], ["alpha/join"]),
            (["--case", "beta/*", "--case", "group"], ["alpha/group", "beta/window"]),
            (["--tag", "nightly"], ["alpha/join", "alpha/group"]),
            (["--tag", "slow", "--tag", "fast"], ["alpha/join", "beta/window"]),
            (["--tag", "slow", "--pattern", "explain"], ["alpha/join"]),
        ]
        for (selection, expected) in cases {
            let run = try ProctorCLI.run(["run", suites, "--samples", samples] + selection + flags())
            #expect(run.status == 0, "\(selection): \(run.stderr)")
            #expect(try graded() == expected, "\(selection)")
            #expect(!run.stderr.contains("error"), "answers to unselected cases are no errors: \(run.stderr)")
            if expected.count < 3 {
                #expect(run.stderr.contains("selection \(selection.joined(separator: " ")): \(expected.count) of 3 cases"))
                let junit = try String(contentsOf: out.appendingPathComponent("run.xml"), encoding: .utf8)
                #expect(junit.contains(#"<property name="selection""#))
                let summary = try String(contentsOf: out.appendingPathComponent("run.md"), encoding: .utf8)
                #expect(summary.contains("the other cases were not graded"))
            }
        }
    }

    @Test func recordedResponsesOfUnselectedCasesAreNoErrors() throws {
        // The shipped recordings answer every shipped suite; grading one case of one suite reads them all.
        let run = try ProctorCLI.run(["run", "suites", "--suite", "school", "--case", "cs-students"] + flags())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(try graded()) == ["school/cs-students"])
        #expect(run.stdout.contains("school "))
        #expect(!run.stdout.contains("explain "))
    }

    @Test func aSelectionOfNothingIsBadInputNamingWhatWasAsked() throws {
        let samples = try answers()
        let unknownTag = try ProctorCLI.run(["run", suites, "--samples", samples, "--tag", "weekly"] + flags())
        #expect(unknownTag.status == 2)
        #expect(unknownTag.stderr.contains("error: --tag weekly is the tag of no case"))
        #expect(unknownTag.stderr.contains("the tags: nightly, slow, fast"))
        #expect(unknownTag.stderr.contains("nothing selected: --tag weekly selects none of the 3 case(s) of suite(s) alpha, beta"))

        let disjoint = try ProctorCLI.run(["run", suites, "--samples", samples, "--suite", "beta", "--tag", "slow"] + flags())
        #expect(disjoint.status == 2)
        #expect(disjoint.stderr.contains("each criterion matches some case, but no case meets them all"))

        let noSuite = try ProctorCLI.run(["validate", suites, "--suite", "gamma*"])
        #expect(noSuite.status == 2)
        #expect(noSuite.stderr.contains("--suite gamma* matches no suite"))

        let badPattern = try ProctorCLI.run(["run", suites, "--samples", samples, "--pattern", "prose"] + flags())
        #expect(badPattern.status == 2)
        #expect(badPattern.stderr.contains("unknown pattern 'prose' in --pattern"))
    }

    @Test func validateChecksOnlyTheSelectedCases() throws {
        let run = try ProctorCLI.run(["validate", suites, "--tag", "fast"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ok: 1 suite(s), 1 case(s)"))
    }

    @Test func rerunFailedGradesTheCasesThatDidNotPass() throws {
        let samples = try answers()
        let first = try ProctorCLI.run(["run", suites, "--samples", samples] + flags("first"))
        #expect(first.status == 0, "\(first.stderr)")
        let results = out.appendingPathComponent("first.jsonl").path
        let again = try ProctorCLI.run(["run", suites, "--samples", samples, "--rerun-failed", results] + flags())
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try graded() == ["alpha/group"])
        #expect(again.stderr.contains("selection --rerun-failed \(results): 1 of 3 cases"))

        // A results file of other suites selects nothing.
        let other = try write("other.jsonl", try String(
            contentsOf: out.appendingPathComponent("first.jsonl"), encoding: .utf8).replacingOccurrences(of: "\"alpha\"", with: "\"gamma\""))
        let elsewhere = try ProctorCLI.run(["run", suites, "--samples", samples, "--rerun-failed", other] + flags())
        #expect(elsewhere.status == 2)
        #expect(elsewhere.stderr.contains("\(other): error: none of the 1 case(s) that did not pass there is a case of the loaded suites (they are of gamma)"))

        // Nothing failed: nothing to rerun.
        let passing = try ProctorCLI.run(["run", suites, "--samples", samples, "--case", "join"] + flags("passing"))
        #expect(passing.status == 0, "\(passing.stderr)")
        let none = try ProctorCLI.run(
            ["run", suites, "--samples", samples, "--rerun-failed", out.appendingPathComponent("passing.jsonl").path] + flags())
        #expect(none.status == 2)
        #expect(none.stderr.contains("every sample passed there: nothing to rerun"))
    }

    @Test func aSubsetIsAppendedOnlyToAHistoryNamedWithHistory() throws {
        let samples = try answers()
        let defaultHistory = out.appendingPathComponent("reports/history.sqlite")
        let selected = try ProctorCLI.run(["run", suites, "--samples", samples, "--tag", "slow"] + flags(history: true), in: out)
        #expect(selected.status == 0, "\(selected.stderr)")
        #expect(!FileManager.default.fileExists(atPath: defaultHistory.path))
        #expect(selected.stderr.contains("not appended to a history (name one with --history FILE)"))

        let named = out.appendingPathComponent("subset.sqlite").path
        let appended = try ProctorCLI.run(
            ["run", suites, "--samples", samples, "--tag", "slow", "--history", named] + flags(history: true), in: out)
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(FileManager.default.fileExists(atPath: named))
        #expect(!appended.stderr.contains("not appended"))

        let whole = try ProctorCLI.run(["run", suites, "--samples", samples] + flags(history: true), in: out)
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(FileManager.default.fileExists(atPath: defaultHistory.path))
    }

    @Test func aSelectedGateSaysItGatedASubsetAndTheBaselineSetsLeftOutCasesApart() throws {
        let samples = try answers()
        let base = try ProctorCLI.run(["run", suites, "--samples", samples] + flags("base"))
        #expect(base.status == 0, "\(base.stderr)")
        let baseline = out.appendingPathComponent("base.jsonl").path
        let run = try ProctorCLI.run(
            ["run", suites, "--samples", samples, "--suite", "alpha", "--baseline", baseline, "--min-pass-rate", "0.5"] + flags())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(
            "gate met: overall pass rate 50.0% (1 of 2) ≥ 50.0% (selected subset: --suite alpha: 2 of 3 cases (1 of 2 suites))"))
        #expect(run.stdout.contains("gate met: 0 regression(s) against \(baseline) ≤ 0 (paired 2 of 2 baseline samples) (selected subset:"))
        #expect(run.stdout.contains("left out by the selection (not counted): 1 baseline sample(s)"))
        #expect(!run.stdout.contains("not in this run"))

        // A baseline of only left-out cases pairs nothing: bad input, saying why.
        let onlyAlpha = try ProctorCLI.run(["run", suites, "--samples", samples, "--suite", "alpha"] + flags("alpha"))
        #expect(onlyAlpha.status == 0)
        let apart = try ProctorCLI.run(
            ["run", suites, "--samples", samples, "--suite", "beta", "--baseline", out.appendingPathComponent("alpha.jsonl").path] + flags())
        #expect(apart.status == 2)
        #expect(apart.stderr.contains("every one of the baseline's 2 sample(s) is of a case the selection left out"))
    }

    @Test func shardsOfASelectionMergeIntoTheSelectedRun() throws {
        let samples = try answers()
        for index in 1...2 {
            let shard = try ProctorCLI.run(
                ["run", suites, "--samples", samples, "--suite", "alpha", "--shard", "\(index)/2"] + flags("shard\(index)"))
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merged = try ProctorCLI.run(
            ["merge", out.appendingPathComponent("shard1.jsonl").path, out.appendingPathComponent("shard2.jsonl").path,
             "--suites", out.appendingPathComponent("suites/a.yaml").path] + flags("merged"))
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(Set(try graded("merged")) == ["alpha/join", "alpha/group"])

        // Shards of a subset of a suite's cases: the merged gates say what they gated.
        for index in 1...2 {
            let shard = try ProctorCLI.run(
                ["run", suites, "--samples", samples, "--tag", "slow", "--shard", "\(index)/2"] + flags("tagged\(index)"))
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let subset = try ProctorCLI.run(
            ["merge", out.appendingPathComponent("tagged1.jsonl").path, out.appendingPathComponent("tagged2.jsonl").path,
             "--suites", out.appendingPathComponent("suites/a.yaml").path, "--min-pass-rate", "1"] + flags("merged"))
        #expect(subset.status == 0, "\(subset.stderr)")
        #expect(subset.stdout.contains(
            "gate met: overall pass rate 100.0% (1 of 1) ≥ 100.0% (selected subset: the files hold 1 of the 2 cases of their suites)"))
        let summary = try String(contentsOf: out.appendingPathComponent("merged.md"), encoding: .utf8)
        #expect(summary.contains("the others were not graded"))
    }

    @Test func diagnosticsAreCappedAtFiftyWithACount() throws {
        let lines = (1...60).map { #"{"case": "no-such-case-\#($0)", "response": "x"}"# }.joined(separator: "\n")
        let samples = try write("bad.jsonl", lines)
        let run = try ProctorCLI.run(["run", suites, "--samples", samples] + flags())
        #expect(run.status == 2)
        #expect(run.stderr.components(separatedBy: "error: unknown case").count - 1 == 50)
        #expect(run.stderr.hasSuffix("... and 10 more\n"))

        let garbage = try write("garbage.jsonl", (1...55).map { _ in "not json" }.joined(separator: "\n"))
        let read = try ProctorCLI.run(["run", suites, "--samples", garbage] + flags())
        #expect(read.status == 2)
        #expect(read.stderr.components(separatedBy: "bad.jsonl").count == 1)
        #expect(read.stderr.contains("garbage.jsonl:50:"))
        #expect(!read.stderr.contains("garbage.jsonl:51:"))
        #expect(read.stderr.hasSuffix("... and 5 more\n"))
    }
}
