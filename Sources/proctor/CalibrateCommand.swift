import ArgumentParser
import Foundation
import ProctorCore
import ProctorProviders
import ProctorReports
import ProctorRun

/// `proctor calibrate`: measures the judge against labelled explanations and stores its agreement for runs to read.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure the explain judge against labelled explanations (agreement, Cohen's kappa, confusion matrix).",
        discussion: """
            Grades every labelled response with the whole explain check and with the judge alone, prints both \
            measures per suite and overall, and stores the judge's kappa per suite in <judges>/calibration.json, \
            which runs read to decide whether a case's judge decides (kappa at least its `min_kappa`) or only advises.

            Exit codes: 0 calibrated; 2 bad input (labels, suites, no judge, a missing judge recording); 3 internal failure.
            """)

    @Argument(help: ArgumentHelp(
        "Labels: JSON Lines {\"suite\", \"case\", \"response\", \"verdict\": \"pass\" | \"fail\"}.", valueName: "labels"))
    var labels: String

    @Option(name: .customLong("suites"), help: ArgumentHelp("Suite files or folders the labels' cases are in.", valueName: "path"))
    var suitePaths: [String] = ["suites"]

    @OptionGroup(title: "Judge") var judge: JudgeOptions

    @Flag(help: "Ask the judge for every label that has no recording, and record its answers.")
    var record = false

    @Flag(help: "Print the measures as JSON.")
    var json = false

    @Flag(name: .customLong("no-save"), help: "Do not store the result in <judges>/calibration.json.")
    var noSave = false

    @Option(help: ArgumentHelp("Labels graded at once (default: number of cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if judge.noJudge { throw ValidationError("calibrate measures the judge: --no-judge is for proctor run") }
    }

    func run() async throws {
        let command = ["proctor", "calibrate", labels] + (suitePaths == ["suites"] ? [] : suitePaths.flatMap { ["--suites", $0] })
        guard var plan = judge.plan(mode: record ? .record : .replay, command: command, maxCost: nil) else {
            throw BadInput(.error(
                "no judge to calibrate", hint: judge.missingJudgeHint.replacingOccurrences(
                    of: ", or decide them by their other checks with --no-judge", with: "; with --record and --judge-base-url URL it is asked")))
        }
        if judge.model == nil {
            plan.missingHint = "the judge \(plan.model) was used because it is the one recorded in \(judge.judges)/, and it is "
                + "only replayed: name a judge to ask with --judge-model M --judge-base-url URL --record"
        }
        let report = try await Calibration().run(
            labels: URL(fileURLWithPath: labels), displayPath: labels, suitePaths: suitePaths, judge: plan.judge(),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let console = Console.standardOutput
        if json {
            console.line(try CalibrationRenderer.json(report))
        } else {
            for line in CalibrationRenderer.text(report) { console.line(line) }
        }
        let few = report.suites.filter { $0.judge.total < JudgeCalibrations.minimumLabels }.compactMap(\.suite)
        if !few.isEmpty {
            Console.standardError.line(
                "warning: fewer than \(JudgeCalibrations.minimumLabels) labels for \(few.joined(separator: ", ")): runs keep such a judge advisory")
        }
        if !noSave {
            let file = URL(fileURLWithPath: judge.judges).appendingPathComponent("calibration.json")
            try CalibrationStore(file: file).save(report.entries)
            if !json { console.line("wrote \(file.relativePath)") }
        }
    }
}
