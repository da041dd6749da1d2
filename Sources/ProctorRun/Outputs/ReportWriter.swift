import Foundation
import ProctorCore
import ProctorReports

/// Writes every report of a run from its `RunReport`, and appends the run to the history.
public struct ReportWriter: Sendable {
    public var paths: ReportPaths

    public init(paths: ReportPaths) {
        self.paths = paths
    }

    /// Writes the reports of `report`, whose suites are `suites` (for the history's commit and content hashes).
    public func write(_ report: RunReport) throws {
        if let junit = paths.junit { try ReportFile.write(try JUnitRenderer().render(report), to: URL(fileURLWithPath: junit)) }
        if let results = paths.results {
            try ReportFile.write(try ResultsRenderer().render(report), to: URL(fileURLWithPath: results))
        }
        if let summary = paths.summary {
            try ReportFile.write(try SummaryRenderer().render(report), to: URL(fileURLWithPath: summary))
        }
        var recent: [HistoryRun] = []
        if let history = paths.history {
            let store = try HistoryStore(path: history)
            try store.append(report, gitCommit: SuiteFacts.gitCommit(of: report.suites),
                             suiteHashes: SuiteFacts.contentHashes(of: report.suites))
            recent = try store.recent(runs: 30)
        }
        if let html = paths.html {
            try ReportFile.write(HTMLRenderer(history: recent).render(report), to: URL(fileURLWithPath: html))
        }
    }
}
