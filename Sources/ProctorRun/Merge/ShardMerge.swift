import Foundation
import ProctorCore
import ProctorReports

/// Combines the results files of a run's shards into the report the unsharded run would have written.
public struct ShardMerge: Sendable {
    public var registry: PatternRegistry

    public init(registry: PatternRegistry = .shipped) {
        self.registry = registry
    }

    /// Reads `files`, checks every sample against the suites at `suitePaths` (a sample of a case they do not hold,
    /// or one graded twice, is bad input), orders them as the run would, writes the reports and checks `gates`
    /// plus the `min_pass_rate` of the suites the files hold samples of.
    public func merge(
        files: [String], suitePaths: [String], gates: Gates = Gates(), expectedGroups: [SampleKey]? = nil,
        reports: ReportPaths
    ) throws -> EvaluationOutcome {
        let suites: [Suite]
        do {
            suites = try registry.suiteLoader.load(paths: suitePaths)
        } catch let error as BadInput {
            throw BadInput(error.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.hint = diagnostic.hint ?? "name the suites the shards ran with --suites PATH (default: suites)"
                return diagnostic
            })
        }
        try gates.validate(against: suites)
        try reports.check()
        let cases = Set(suites.flatMap { suite in suite.cases.map { CaseKey(suite: suite.name, caseID: $0.id) } })
        var merged: [GradedSample] = []
        var runIDs: [String] = []
        var diagnostics: [Diagnostic] = []
        var seen: [SampleKey: SourceLocation] = [:]
        for file in files {
            do {
                let (results, ids) = try ResultsReader.read(URL(fileURLWithPath: file), displayPath: file)
                for result in results {
                    let key = result.sample.key
                    if !cases.contains(key.caseKey) {
                        diagnostics.append(.error(
                            "\(key.label()) answers no case of the suites in \(suitePaths.joined(separator: ", "))",
                            at: result.sample.origin, hint: "name the suites the shards ran with --suites"))
                    } else if let earlier = seen[key] {
                        diagnostics.append(.error(
                            "\(key.label()) was graded twice (also at \(earlier))",
                            at: result.sample.origin, hint: "merge the results of disjoint shards of one run"))
                    } else {
                        seen[key] = result.sample.origin ?? SourceLocation(file: file)
                        merged.append(result)
                    }
                }
                runIDs += ids.filter { !runIDs.contains($0) }
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        guard !merged.isEmpty else {
            throw BadInput(.error("nothing to merge: the files hold no sample", hint: "name the shards' results files"))
        }
        try Self.checkComplete(merged, files: files)
        let absent = suites.filter { suite in !merged.contains { $0.sample.suite == suite.name } }.map(\.name)
        if !absent.isEmpty {
            throw BadInput(.error(
                "the merged files hold no sample of suite(s) \(absent.joined(separator: ", ")), which --suites names",
                hint: "name with --suites exactly the suites the shards ran, or merge the missing shards"))
        }
        if let expectedGroups {
            let present = Set(merged.map { SampleKey(suite: "", caseID: "", sampleID: "", model: $0.sample.model, variant: $0.sample.variant) })
            let missing = expectedGroups.filter { !present.contains($0) }
            if !missing.isEmpty {
                throw BadInput(.error(
                    "the merged files hold no sample of \(missing.map { "[\($0.modelGroup)]" }.joined(separator: ", ")), which --config names",
                    hint: "merge the shards of the run that graded them, or drop them from the configuration"))
            }
        }
        let graded = Set(merged.map(\.sample.suite))
        let ran = suites.filter { graded.contains($0.name) }
        var gates = gates.adding(minimumsOf: ran)
        // Shards of a selected run (`--tag`, `--case`, …) hold some cases of their suites: the merged gates say so.
        let held = Set(merged.map(\.sample.key.caseKey))
        let all = ran.flatMap { suite in suite.cases.map { CaseKey(suite: suite.name, caseID: $0.id) } }
        let leftOut = Set(all.filter { !held.contains($0) })
        let selection = leftOut.isEmpty ? nil : "the files hold \(all.count - leftOut.count) of the \(all.count) cases of their suites"
        gates.leaveOut(leftOut, selection: selection)
        try gates.validateBaseline(against: merged.map(\.sample.key))
        var report = RunReport(
            runID: runIDs.count == 1 ? runIDs[0] : Runner.makeRunID(), startedAt: Date(),
            duration: merged.reduce(0) { $0 + $1.duration }, suites: ran, results: ReportOrder(suites: ran).sorted(merged),
            properties: ["merged_from": files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")])
        if let selection { report.properties["selection"] = selection }
        // The judge the shards used, as their results name it, with its measure from the default calibrations.
        if let judged = merged.lazy.compactMap(\.verdict.details.judge).first {
            let calibrations = (try? CalibrationStore(file: URL(fileURLWithPath: JudgePlan.defaultDirectory)
                .appendingPathComponent("calibration.json")).calibrations()) ?? JudgeCalibrations()
            report.properties.merge(Evaluation.judgeProperties(
                JudgeIdentity(model: judged.model, settings: judged.settings ?? ""), suites: ran, calibrations: calibrations)) { $1 }
        }
        let results = gates.check(report)
        report.notes = (selection.map { ["selection: \($0); the others were not graded, and no gate covers them"] } ?? [])
            + RepairTally.stoppedNotes(report.results) + results.flatMap { $0.notes + [$0.summary] }
        try ReportWriter(paths: reports).write(report)
        return EvaluationOutcome(report: report, gates: results, written: reports.files)
    }

    /// Throws `BadInput` unless the merged samples are the whole run: every position of the run's full list once
    /// (a shard's file left out, or files of runs of different sizes, would gate a part as if it were the whole).
    ///
    /// Results without positions (schema 1) cannot be checked.
    static func checkComplete(_ merged: [GradedSample], files: [String]) throws {
        let sizes = Set(merged.compactMap(\.sample.runSamples))
        guard let size = sizes.first else { return }
        guard sizes.count == 1 else {
            throw BadInput(.error(
                "the files come from runs of different sizes (\(sizes.sorted().map(String.init).joined(separator: ", ")) samples)",
                hint: "merge the shards of one run"))
        }
        let present = Set(merged.compactMap(\.sample.position))
        let missing = (0..<size).filter { !present.contains($0) }
        guard !missing.isEmpty else { return }
        throw BadInput(.error(
            "the \(files.count) file(s) hold \(present.count) of the run's \(size) samples; \(missing.count) are missing "
                + "(positions \(missing.prefix(5).map(String.init).joined(separator: ", "))\(missing.count > 5 ? ", …" : ""))",
            hint: "merge the results file of every shard (--shard 1/N … N/N), or grade the missing shard again"))
    }
}
