import ArgumentParser
import Foundation
import ProctorCore
import ProctorReports

/// `proctor history`: the trend per suite and model, since when each failing sample fails, the flaky ones.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show pass rates over the recorded runs, failing samples since when, and flaky samples.",
        discussion: "Exit codes: 0 shown; 2 the history cannot be read.")

    @Option(help: ArgumentHelp("The history database `proctor run` appends to.", valueName: "file"))
    var history: String = "reports/history.sqlite"

    @Option(help: ArgumentHelp("How many of the latest runs to look at.", valueName: "n"))
    var runs: Int = 20

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: history) else {
            throw BadInput(.error("no history yet", at: SourceLocation(file: history),
                                  hint: "`proctor run` appends every run to it (--history FILE)"))
        }
        let recent = try HistoryStore(path: history, readOnly: true).recent(runs: runs)
        let console = Console.standardOutput
        guard let last = recent.last else {
            console.line("no runs in \(history)")
            return
        }
        let summary = HistorySummary(recent)
        console.line("\(recent.count) run(s), \(recent.first?.runID ?? "") … \(last.runID); pass rate per run, oldest first:")
        let width = summary.trends.map(\.group.count).max() ?? 0
        for trend in summary.trends {
            let rates = trend.points.map { String(format: "%5.1f%%", Double($0.passed) / Double(max(1, $0.total)) * 100) }
            console.untrusted("  " + trend.group.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + rates.joined(separator: " "))
        }
        if !summary.failing.isEmpty {
            console.line("failing in the latest run, since:")
            for failing in summary.failing {
                console.line(UntrustedText.line("  \(failing.identity): since \(failing.since) (\(failing.runs) run(s)): \(failing.reason)"))
            }
        }
        if !summary.flaky.isEmpty {
            console.line("flaky (verdict changed twice or more):")
            for flaky in summary.flaky { console.line(UntrustedText.line("  \(flaky.identity): \(flaky.changes) changes")) }
        }
    }
}
