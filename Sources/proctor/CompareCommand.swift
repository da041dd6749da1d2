import ArgumentParser
import Foundation
import ProctorCore
import ProctorReports
import ProctorRun

/// `proctor compare`: which of two (or more) runs, models or system prompts does better, and how sure that is; or,
/// with `--first-vs-final`, whether repair feedback helps.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare results files: pass rates, a paired significance test, the cases that flipped; or, with --first-vs-final, repair rounds' first verdicts with their final ones.",
        discussion: """
            With several files, each is one side, compared against the first; with one file, each model and \
            variant in it is a side. Samples pair by suite, case and sample (and model and variant when a side \
            holds several). Pass rates carry 95% Wilson intervals; the p-value is an exact McNemar test on the \
            pairs where exactly one side passed.

            With --first-vs-final and one file: each sample whose case allowed repair (`repair: N` or `run \
            --repair N`) is paired with itself, its first-round verdict against its final one; per model and \
            variant it prints the samples paired, the first-round and final pass rates, how many feedback fixed \
            (fail to pass) and broke (pass to fail), the McNemar p-value and whether feedback helps \
            significantly (p < 0.05), then every sample that changed.

            Exit codes: 0 compared; 2 unreadable files, fewer than two sides, two sides without a sample in \
            common, a usage error, or (with \
            --first-vs-final) a results file without any sample whose case allowed repair.
            """)

    @Argument(help: ArgumentHelp("Results files (JSON Lines) that `proctor run --results` wrote.", valueName: "results"))
    var files: [String]

    @Option(help: ArgumentHelp(
        "With one file: the model and variant to compare (`model` or `model, variant`, as printed, brackets optional; spaces around the comma do not matter); repeat to choose and order the sides.",
        valueName: "label"))
    var side: [String] = []

    @Flag(name: .customLong("first-vs-final"), help: ArgumentHelp(
        "With one file: compare each sample's first-round verdict with its final one, over the samples whose case allowed repair."))
    var firstVsFinal = false

    @Option(help: ArgumentHelp("Write the comparison as JSON here.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write a Markdown summary here (for a pull-request comment).", valueName: "file"))
    var markdown: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one results file") }
        if !side.isEmpty && files.count > 1 { throw ValidationError("--side chooses among the groups of one results file") }
        if firstVsFinal {
            guard files.count == 1 else {
                throw ValidationError("--first-vs-final reads one results file (its samples' first rounds against their final ones), not \(files.count)")
            }
            guard side.isEmpty else {
                throw ValidationError("--side chooses the sides of a comparison of groups; --first-vs-final compares every group's first round with its final one")
            }
        }
    }

    func run() throws {
        if let json { try ReportPaths.check(json, flag: "--json") }
        if let markdown { try ReportPaths.check(markdown, flag: "--markdown") }
        if firstVsFinal {
            try compareFirstWithFinal()
            return
        }
        let sides = try ComparisonSides.read(files, choosing: side)
        let comparisons = sides.dropFirst().map { Comparison(sides[0], $0) }
        // Two sides without a pair compare nothing: most likely the wrong file, or a model the other lacks.
        let unpaired = comparisons.filter { $0.overall.paired == 0 }
        if !unpaired.isEmpty {
            throw BadInput(unpaired.map { comparison in
                .error("no samples in common: \(comparison.a.name) holds \(ComparisonSides.holdings(comparison.a)); "
                    + "\(comparison.b.name) holds \(ComparisonSides.holdings(comparison.b))",
                    hint: "samples pair by suite, case and sample, and by model and variant when a side holds several: "
                        + "compare results of the same cases and models")
            })
        }
        let renderer = ComparisonRenderer()
        if let warning = ComparisonSides.judgeWarning(sides) { Console.standardError.untrusted(warning) }
        renderer.lines(comparisons).forEach(Console.standardOutput.line)
        if let json { try ReportFile.write(try renderer.json(comparisons), to: URL(fileURLWithPath: json)) }
        if let markdown { try ReportFile.write(Data(renderer.markdown(comparisons).utf8), to: URL(fileURLWithPath: markdown)) }
    }

    private func compareFirstWithFinal() throws {
        let comparison = try RepairComparison.read(files[0])
        let renderer = RepairComparisonRenderer()
        renderer.lines(comparison).forEach(Console.standardOutput.line)
        if let json { try ReportFile.write(try renderer.json(comparison), to: URL(fileURLWithPath: json)) }
        if let markdown { try ReportFile.write(Data(renderer.markdown(comparison).utf8), to: URL(fileURLWithPath: markdown)) }
    }
}
