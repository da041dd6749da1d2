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
            ["merge"] + (0..<3).map { out.appendingPathComponent("shard\($0).jsonl").path } + flags("merged"))
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
        let twice = try ProctorCLI.run(["merge", out.appendingPathComponent("a.jsonl").path, out.appendingPathComponent("a.jsonl").path] + flags("m"))
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
}
