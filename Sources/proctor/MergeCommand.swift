import ArgumentParser
import Foundation
import ProctorCore
import ProctorReports

/// `proctor merge`: one report from the results of several shards (or runs), with the totals of one run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the results files of shards into one results file, scorecard and summary.",
        discussion: """
            Reads results files (as `proctor run --results` writes them, e.g. one per `--shard`) and writes the \
            samples of all of them as one run: results, JUnit scorecard and Markdown summary. A sample that two \
            files both graded means the shards overlap, and is bad input.

            Exit codes: 0 merged; 2 unreadable files or overlapping shards.
            """)

    @Argument(help: ArgumentHelp("Results files (JSON Lines) to combine.", valueName: "results"))
    var files: [String]

    @Option(help: ArgumentHelp("Merged results to write.", valueName: "file"))
    var results: String = "reports/results.jsonl"

    @Option(help: ArgumentHelp("Merged JUnit XML scorecard to write.", valueName: "file"))
    var junit: String = "reports/junit.xml"

    @Option(help: ArgumentHelp("Merged Markdown summary to write.", valueName: "file"))
    var summary: String = "reports/summary.md"

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one results file") }
    }

    func run() throws {
        var merged: [GradedSample] = []
        var runIDs: [String] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for file in files {
            do {
                let (results, ids) = try ResultsReader.read(URL(fileURLWithPath: file), displayPath: file)
                for result in results {
                    let sample = result.sample
                    let key = [sample.suite, sample.caseID, sample.sampleID, sample.model ?? "", sample.variant ?? ""]
                        .joined(separator: "\u{0}")
                    if let earlier = seen[key] {
                        diagnostics.append(.error(
                            "\(sample.suite)/\(sample.caseID) #\(sample.sampleID) was graded twice (also at \(earlier))",
                            at: sample.origin, hint: "merge the results of disjoint shards of one run"))
                        continue
                    }
                    seen[key] = sample.origin
                    merged.append(result)
                }
                runIDs += ids.filter { !runIDs.contains($0) }
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        let report = RunReport(
            runID: runIDs.count == 1 ? runIDs[0] : Runner.makeRunID(), startedAt: Date(),
            duration: merged.reduce(0) { $0 + $1.duration }, suites: [], results: Self.ordered(merged),
            properties: ["merged_from": files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")])
        try ReportFile.write(try JUnitRenderer().render(report), to: URL(fileURLWithPath: junit))
        try ReportFile.write(try ResultsRenderer().render(report), to: URL(fileURLWithPath: results))
        try ReportFile.write(try SummaryRenderer().render(report), to: URL(fileURLWithPath: summary))
        let tally = report.tally
        Console.standardOutput.line(String(
            format: "merged %d file(s): %d passed, %d failed, %d errors, %.1f%%", files.count, tally.passed, tally.failed,
            tally.errors, tally.passRate * 100))
        Console.standardOutput.line("wrote \(junit), \(results) and \(summary)")
    }

    /// Suites in order of first appearance; within one, cases likewise; then samples as numbers where they are.
    static func ordered(_ results: [GradedSample]) -> [GradedSample] {
        var suiteRank: [String: Int] = [:]
        var caseRank: [String: Int] = [:]
        for result in results {
            if suiteRank[result.sample.suite] == nil { suiteRank[result.sample.suite] = suiteRank.count }
            let caseKey = result.sample.suite + "\u{0}" + result.sample.caseID
            if caseRank[caseKey] == nil { caseRank[caseKey] = caseRank.count }
        }
        return results.enumerated().sorted { left, right in
            let l = left.element.sample
            let r = right.element.sample
            let lKey = (suiteRank[l.suite] ?? 0, caseRank[l.suite + "\u{0}" + l.caseID] ?? 0, Int(l.sampleID) ?? Int.max, left.offset)
            let rKey = (suiteRank[r.suite] ?? 0, caseRank[r.suite + "\u{0}" + r.caseID] ?? 0, Int(r.sampleID) ?? Int.max, right.offset)
            return lKey < rKey
        }.map(\.element)
    }
}
