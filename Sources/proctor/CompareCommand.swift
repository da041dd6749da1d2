import ArgumentParser
import Foundation
import ProctorCore
import ProctorReports
import ProctorRun

/// `proctor compare`: which of two (or more) runs, models or system prompts does better, and how sure that is.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare results files: pass rates, a paired significance test, the cases that flipped.",
        discussion: """
            With several files, each is one side, compared against the first; with one file, each model and \
            variant in it is a side. Samples pair by suite, case and sample (and model and variant when a side \
            holds several). Pass rates carry 95% Wilson intervals; the p-value is an exact McNemar test on the \
            pairs where exactly one side passed.

            Exit codes: 0 compared; 2 unreadable files or fewer than two sides.
            """)

    @Argument(help: ArgumentHelp("Results files (JSON Lines) that `proctor run --results` wrote.", valueName: "results"))
    var files: [String]

    @Option(help: ArgumentHelp(
        "With one file: the model and variant to compare (`model` or `model, variant`, as printed); repeat to choose and order the sides.",
        valueName: "label"))
    var side: [String] = []

    @Option(help: ArgumentHelp("Write the comparison as JSON here.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write a Markdown summary here (for a pull-request comment).", valueName: "file"))
    var markdown: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one results file") }
        if !side.isEmpty && files.count > 1 { throw ValidationError("--side chooses among the groups of one results file") }
    }

    func run() throws {
        if let json { try ReportPaths.check(json, flag: "--json") }
        if let markdown { try ReportPaths.check(markdown, flag: "--markdown") }
        let sides = try ComparisonSides.read(files, choosing: side)
        let comparisons = sides.dropFirst().map { Comparison(sides[0], $0) }
        let renderer = ComparisonRenderer()
        renderer.lines(comparisons).forEach(Console.standardOutput.line)
        if let json { try ReportFile.write(try renderer.json(comparisons), to: URL(fileURLWithPath: json)) }
        if let markdown { try ReportFile.write(Data(renderer.markdown(comparisons).utf8), to: URL(fileURLWithPath: markdown)) }
    }
}
