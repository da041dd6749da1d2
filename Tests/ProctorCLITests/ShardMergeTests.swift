import Foundation
import ProctorReports
import Testing

@Suite(.serialized) struct ShardMergeTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    func flags(_ name: String) -> [String] {
        ["--junit", out.appendingPathComponent("\(name).xml").path, "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path]
    }

    func runFlags(_ name: String) -> [String] { flags(name) + ["--no-history", "--html", out.appendingPathComponent("\(name).html").path] }

    /// What a results file graded, without what differs between runs (run id, durations).
    func graded(_ name: String) throws -> [String] {
        try String(contentsOf: out.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n").map {
            let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            return ["suite", "case", "sample", "model", "verdict", "reason", "extracted"].map { "\(object[$0] ?? "")" }
                .joined(separator: " | ")
        }.sorted()
    }

    @Test func mergedShardsEqualTheUnshardedRun() throws {
        let suites = ["suites/school.yaml", "suites/explain.yaml"]
        #expect(try ProctorCLI.run(["run"] + suites + runFlags("all")).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["JOB_COMPLETIONS"] = "3"
        for index in 0..<3 {
            environment["JOB_COMPLETION_INDEX"] = String(index)
            let shard = try ProctorCLI.run(["run"] + suites + runFlags("shard\(index)"), environment: environment)
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("shard \(index + 1)/3: "))
        }
        let sizes = try (0..<3).map { try graded("shard\($0)").count }
        #expect(sizes.allSatisfy { $0 > 0 }, "every shard grades something: \(sizes)")
        let merged = try ProctorCLI.run(
            ["merge"] + (0..<3).map { out.appendingPathComponent("shard\($0).jsonl").path } + flags("merged")
                + ["--suites", "suites/school.yaml", "--suites", "suites/explain.yaml", "--html",
                   out.appendingPathComponent("merged.html").path, "--no-history"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try graded("merged") == (try graded("all")))
        let unsharded = try ProctorCLI.run(["run"] + suites + runFlags("again") + ["--quiet"])
        let totals = unsharded.stdout.split(separator: "\n").first { $0.hasPrefix("total") }.map { $0.split(separator: " ").prefix(7) }
        #expect(merged.stdout.contains("merged 3 file(s): \(totals?[1] ?? "?") passed, \(totals?[3] ?? "?") failed, \(totals?[5] ?? "?") errors"))
        if ProctorCLI.hasSchema {
            let junit = try Data(contentsOf: out.appendingPathComponent("merged.xml"))
            #expect(try JUnitSchemaValidator(schema: ProctorCLI.schema).validate(junit).isEmpty)
        }
        let again = try ProctorCLI.run(["run"] + suites + ["--shard", "2/3"] + runFlags("explicit"))
        #expect(try graded("explicit") == (try graded("shard1")))
        _ = again
    }

    @Test func overlappingShardsAndBadShardsAreBadInput() throws {
        #expect(try ProctorCLI.run(["run", "suites/school.yaml"] + runFlags("a")).status == 0)
        let twice = try ProctorCLI.run(
            ["merge", out.appendingPathComponent("a.jsonl").path, out.appendingPathComponent("a.jsonl").path] + flags("m")
                + ["--no-history", "--html", out.appendingPathComponent("m.html").path])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("was graded twice"))
        for bad in ["0/2", "3/2", "x", "1/0"] {
            #expect(try ProctorCLI.run(["run", "suites/school.yaml", "--shard", bad] + runFlags("b")).status == 2)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["JOB_COMPLETION_INDEX"] = "4"
        environment["JOB_COMPLETIONS"] = "4"
        let outOfRange = try ProctorCLI.run(["run", "suites/school.yaml"] + runFlags("c"), environment: environment)
        #expect(outOfRange.status == 2)
        #expect(outOfRange.stderr.contains("do not name a shard"))
    }

    @Test func shardsCheckNoGatesAndMergeGatesTheWholeRunOnce() throws {
        let suites = ["suites/school.yaml", "suites/explain.yaml"]
        let gated = try ProctorCLI.run(["run"] + suites + ["--shard", "1/2", "--min-pass-rate", "0.5"] + runFlags("g"))
        #expect(gated.status == 2)
        #expect(gated.stderr.contains("gate the whole run with `proctor merge"))
        var environment = ProcessInfo.processInfo.environment
        environment["JOB_COMPLETION_INDEX"] = "1"
        environment.removeValue(forKey: "JOB_COMPLETIONS")
        let noCount = try ProctorCLI.run(["run"] + suites + runFlags("n"), environment: environment)
        #expect(noCount.status == 2)
        #expect(noCount.stderr.contains("JOB_COMPLETION_INDEX=1 is set without JOB_COMPLETIONS"))

        // Shards append to no history unless one is named; the merged run is appended once.
        let history = out.appendingPathComponent("history.sqlite").path
        for index in 1...2 {
            let shard = try ProctorCLI.run(
                ["run"] + suites + ["--shard", "\(index)/2", "-q"] + flags("s\(index)")
                    + ["--html", out.appendingPathComponent("s\(index).html").path])
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: history))
        #expect(!FileManager.default.fileExists(atPath: ProctorCLI.root.appendingPathComponent("reports/s1.xml").path))
        let shardSummary = try String(contentsOf: out.appendingPathComponent("s1.md"), encoding: .utf8)
        #expect(shardSummary.contains("gates are checked on the merged run"))
        let merge = ["merge", out.appendingPathComponent("s1.jsonl").path, out.appendingPathComponent("s2.jsonl").path]
            + suites.flatMap { ["--suites", $0] } + flags("m") + ["--html", out.appendingPathComponent("m.html").path]
        let failed = try ProctorCLI.run(merge + ["--history", history, "--min-pass-rate-suite", "school=0.9"])
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stdout.contains("gate failed: suite school pass rate [demo-model] 57.1% (8 of 14) is below 90.0%"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("m.html").path))
        let shown = try ProctorCLI.run(["history", "--history", history])
        #expect(shown.stdout.hasPrefix("1 run(s), "), "\(shown.stdout)")
        let met = try ProctorCLI.run(merge + ["--no-history", "--min-pass-rate-pattern", "sql=0.5"])
        #expect(met.status == 0, "\(met.stderr)")
        #expect(met.stdout.contains("gate met: pattern sql pass rate [demo-model] 57.1% (8 of 14) ≥ 50.0%"))
        let unknown = try ProctorCLI.run(merge + ["--no-history", "--min-pass-rate-suite", "scool=0.5"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("the gate on suite 'scool' names no suite of this run"))
    }

    @Test func anEmptyShardIsAnEmptyResultNotAnError() throws {
        var empty: Int?
        for index in 1...40 {
            let run = try ProctorCLI.run(["run", "suites/explain.yaml", "--shard", "\(index)/40", "-q"] + runFlags("e"))
            #expect(run.status == 0, "\(run.stderr)")
            if run.stderr.contains("shard \(index)/40: 0 of 16 samples") {
                empty = index
                break
            }
        }
        #expect(empty != nil, "16 samples in 40 shards leave some shard empty")
        #expect(try String(contentsOf: out.appendingPathComponent("e.jsonl"), encoding: .utf8).isEmpty)
        if ProctorCLI.hasSchema {
            let junit = try Data(contentsOf: out.appendingPathComponent("e.xml"))
            #expect(try JUnitSchemaValidator(schema: ProctorCLI.schema).validate(junit).isEmpty)
        }
    }
}
