import Foundation
import ProctorCore
import ProctorRun
import Testing

@Suite struct ShardMergeTests {
    let suites = [RunFixtures.path("suites/explain.yaml"), RunFixtures.path("suites/school.yaml")]

    @Test func mergedShardsAreTheReportOfTheUnshardedRun() async throws {
        let folder = try RunFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let evaluation = Evaluation()
        let whole = try await evaluation.run(try RunFixtures.judged(EvaluationPlan(
            suitePaths: suites, source: RunFixtures.recorded, jobs: 2, reports: RunFixtures.reports(in: folder, name: "whole"))))
        var shardFiles: [String] = []
        for index in 1...3 {
            let name = "shard-\(index)"
            let outcome = try await evaluation.run(try RunFixtures.judged(EvaluationPlan(
                suitePaths: suites, source: RunFixtures.recorded, jobs: 2, shard: Shard(index: index, count: 3),
                reports: RunFixtures.reports(in: folder, name: name))))
            #expect(outcome.report.results.count < whole.report.results.count)
            shardFiles.append(folder.appendingPathComponent("\(name).jsonl").path)
        }
        let merged = try ShardMerge().merge(
            files: shardFiles.reversed(), suitePaths: suites, reports: RunFixtures.reports(in: folder, name: "merged"))
        #expect(merged.report.results.count == whole.report.results.count)
        #expect(merged.report.results.map(\.sample.key) == whole.report.results.map(\.sample.key))
        let expected = try RunFixtures.comparableLines(folder.appendingPathComponent("whole.jsonl").path)
        let got = try RunFixtures.comparableLines(folder.appendingPathComponent("merged.jsonl").path)
        #expect(got == expected)
        #expect(merged.report.suites.map(\.name) == ["explain", "school"])
        let junit = try String(contentsOf: folder.appendingPathComponent("merged.xml"), encoding: .utf8)
        #expect(junit.contains("<property name=\"merged_from\" value=\"shard-3.jsonl, shard-2.jsonl, shard-1.jsonl\"/>"))
    }

    @Test func aMissingShardIsBadInputNotAPartialGate() async throws {
        let folder = try RunFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for index in 1...3 {
            _ = try await Evaluation().run(try RunFixtures.judged(EvaluationPlan(
                suitePaths: suites, source: RunFixtures.recorded, jobs: 2, shard: Shard(index: index, count: 3),
                reports: RunFixtures.reports(in: folder, name: "s\(index)"))))
            files.append(folder.appendingPathComponent("s\(index).jsonl").path)
        }
        let partial = #expect(throws: BadInput.self) {
            try ShardMerge().merge(
                files: Array(files.prefix(2)), suitePaths: suites,
                gates: Gates(passRates: [PassRateGate(.overall, minimum: 0.1)]),
                reports: RunFixtures.reports(in: folder, name: "merged"))
        }
        let message = partial?.diagnostics.first?.message ?? ""
        #expect(message.hasPrefix("the 2 file(s) hold ") && message.contains(" of the run's 30 samples; "), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("merged.jsonl").path))
        let other = folder.appendingPathComponent("other.jsonl")
        _ = try await Evaluation().run(EvaluationPlan(
            suitePaths: [RunFixtures.path("suites/school.yaml")], source: RunFixtures.recorded, jobs: 2,
            shard: Shard(index: 1, count: 3), reports: RunFixtures.reports(in: folder, name: "other")))
        let absent = #expect(throws: BadInput.self) {
            try ShardMerge().merge(files: files, suitePaths: suites + [RunFixtures.path("suites/shop.yaml")],
                                   reports: RunFixtures.reports(in: folder, name: "merged"))
        }
        #expect(absent?.diagnostics.first?.message == "the merged files hold no sample of suite(s) shop, which --suites names")
        let groups = #expect(throws: BadInput.self) {
            try ShardMerge().merge(files: files, suitePaths: suites,
                                   expectedGroups: [SampleKey(suite: "", caseID: "", sampleID: "", model: "gpt-x")],
                                   reports: RunFixtures.reports(in: folder, name: "merged"))
        }
        #expect(groups?.diagnostics.first?.message == "the merged files hold no sample of [gpt-x], which --config names")
        let empty = folder.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        let nothing = #expect(throws: BadInput.self) {
            try ShardMerge().merge(files: [empty.path], suitePaths: suites, reports: RunFixtures.reports(in: folder, name: "merged"))
        }
        #expect(nothing?.diagnostics.first?.message == "nothing to merge: the files hold no sample")
        let mixed = #expect(throws: BadInput.self) {
            try ShardMerge().merge(files: [files[0], files[1], other.path], suitePaths: suites,
                                   reports: RunFixtures.reports(in: folder, name: "merged"))
        }
        #expect(mixed?.diagnostics.first?.message.hasPrefix("the files come from runs of different sizes") == true
                || mixed?.diagnostics.first?.message.contains("was graded twice") == true)
    }

    @Test func overlapUnknownCasesAndUnknownGateSuitesAreBadInput() async throws {
        let folder = try RunFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await Evaluation().run(try RunFixtures.judged(EvaluationPlan(
            suitePaths: suites, source: RunFixtures.recorded, jobs: 2, reports: RunFixtures.reports(in: folder))))
        let results = folder.appendingPathComponent("run.jsonl").path
        let reports = RunFixtures.reports(in: folder, name: "merged")
        let twice = #expect(throws: BadInput.self) {
            try ShardMerge().merge(files: [results, results], suitePaths: suites, reports: reports)
        }
        #expect(twice?.diagnostics.first?.message.contains("was graded twice") == true)
        let elsewhere = #expect(throws: BadInput.self) {
            try ShardMerge().merge(files: [results], suitePaths: [RunFixtures.path("suites/school.yaml")], reports: reports)
        }
        #expect(elsewhere?.diagnostics.first?.message.contains("answers no case of the suites") == true)
        #expect(elsewhere?.diagnostics.first?.location?.line != nil)
        let gate = #expect(throws: BadInput.self) {
            try ShardMerge().merge(
                files: [results], suitePaths: suites, gates: Gates(passRates: [PassRateGate(.suite("scool"), minimum: 0.5)]),
                reports: reports)
        }
        #expect(gate?.diagnostics.first?.message == "the gate on suite 'scool' names no suite of this run")
    }

    @Test func mergeChecksTheGatesOnTheMergedRun() async throws {
        let folder = try RunFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await Evaluation().run(try RunFixtures.judged(EvaluationPlan(
            suitePaths: suites, source: RunFixtures.recorded, jobs: 2, reports: RunFixtures.reports(in: folder))))
        let merged = try ShardMerge().merge(
            files: [folder.appendingPathComponent("run.jsonl").path], suitePaths: suites,
            gates: Gates(passRates: [PassRateGate(.overall, minimum: 0.9), PassRateGate(.pattern(.sql), minimum: 0.1)]),
            reports: RunFixtures.reports(in: folder, name: "merged"))
        // Three (model, variant) groups: each pass-rate gate applies to each group with samples in its scope.
        #expect(merged.gates.map(\.name) == [
            "overall pass rate [demo-model]", "overall pass rate [demo-model, python-only]",
            "overall pass rate [demo-model, explain-ok]", "pattern sql pass rate [demo-model]",
        ])
        #expect(merged.gates.map(\.met) == [false, false, true, true])
        #expect(merged.gates[0].limit == 0.9)
        let demo = merged.report.results.filter { $0.sample.variant == nil }
        #expect(merged.gates[0].measured == Tally(demo.map(\.verdict.outcome)).passRate)
        #expect(merged.gates[1].summary == "gate failed: overall pass rate [demo-model, python-only] 0.0% (0 of 4) is below 90.0%")
        #expect(!merged.gatesMet)
    }
}
