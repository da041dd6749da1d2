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

    @Option(help: ArgumentHelp("Most failing (and flaky) samples listed, JSON included; the rest are counted.", valueName: "n"))
    var limit: Int = 20

    @Flag(help: "Print GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY.")
    var markdown = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        if markdown && json { throw ValidationError("--markdown and --json exclude each other") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: history) else {
            throw BadInput(.error("no history yet", at: SourceLocation(file: history),
                                  hint: "`proctor run` appends every run to it (--history FILE)"))
        }
        // One run more than shown tells whether older runs exist (a failing streak may have begun before them).
        var recent = try HistoryStore(path: history, readOnly: true).recent(runs: runs == Int.max ? runs : runs + 1)
        let earlierRuns = recent.count > runs
        if earlierRuns { recent.removeFirst() }
        let console = Console.standardOutput
        guard !recent.isEmpty else {
            console.line("no runs in \(history)")
            return
        }
        let renderer = HistoryRenderer(runs: recent, limit: limit, earlierRuns: earlierRuns)
        if json {
            console.line(String(decoding: try renderer.json(), as: UTF8.self))
        } else if markdown {
            console.line(renderer.markdown())
        } else {
            renderer.text().forEach(console.line)
        }
    }
}
