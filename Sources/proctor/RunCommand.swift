import ArgumentParser
import Foundation
import ProctorCore
import ProctorReports
import ProctorProviders
import ProctorRun

/// `proctor run`: grades responses to the selected suites and writes the scorecard and results.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Grade model responses to suites and write a JUnit scorecard and results.",
        discussion: """
            Without --samples, grades the recorded responses in --responses (default fixtures/responses). \
            Reports are written even when a gate fails.

            Selection: the values of one flag are alternatives, different flags must all hold; a selection of \
            nothing is bad input.

            Exit codes: 0 run complete and gates met; 1 a gate failed; 2 bad input; 3 internal failure.
            """)

    static let selectionTitle = "Selection (a subset is appended to the history only with --history FILE)"

    @OptionGroup var suites: SuitePaths

    @OptionGroup(title: Self.selectionTitle) var selection: SelectionOptions

    @OptionGroup(title: Self.selectionTitle) var rerun: RerunOption

    @Option(help: ArgumentHelp("Grade these pre-generated responses (JSON Lines) instead of the recorded ones.",
                               valueName: "file"))
    var samples: String?

    @Option(help: ArgumentHelp("Folder of recorded responses (.jsonl files) graded when --samples is absent.",
                               valueName: "dir"))
    var responses: String = "fixtures/responses"

    @OptionGroup(title: "Model") var model: ModelOptions

    @OptionGroup(title: "Judge (explain cases with `judge:` criteria)") var judge: JudgeOptions

    @Option(help: ArgumentHelp("JUnit XML scorecard to write.", valueName: "file"))
    var junit: String = "reports/junit.xml"

    @Option(help: ArgumentHelp("Results to write: one JSON object per graded sample.", valueName: "file"))
    var results: String = "reports/results.jsonl"

    @Option(help: ArgumentHelp(
        "Markdown summary to write, for a pull-request comment or $GITHUB_STEP_SUMMARY.", valueName: "file"))
    var summary: String = "reports/summary.md"

    @Option(help: ArgumentHelp(
        "Samples graded in parallel, and warm Python workers kept (default: number of cores).", valueName: "n"))
    var jobs: Int?

    @OptionGroup(title: "Gates (not with --shard: `proctor merge` gates the merged run)") var gates: GateOptions

    @Option(help: ArgumentHelp(
        "Self-contained HTML report to write: matrix, pass rate over time, every sample.", valueName: "file"))
    var html: String = "reports/index.html"

    @Option(help: ArgumentHelp(
        "The history database every run is appended to (default: reports/history.sqlite; a shard appends only to one named here).",
        valueName: "file"))
    var history: String?

    @Flag(name: .customLong("no-history"), help: "Do not append this run to the history.")
    var noHistory = false

    @Flag(name: .customLong("answered-only"), help: ArgumentHelp(
        "With --samples: grade only the cases the file answers, instead of counting each expected sample without a response as an error."))
    var answeredOnly = false

    @Option(help: ArgumentHelp(
        "Grade only slice I of N (1-based) of the samples, by a stable hash; default from JOB_COMPLETION_INDEX (0-based) and JOB_COMPLETIONS when set. Combine the slices with `proctor merge`.",
        valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp(
        "After an answer that fails or errors, send feedback and grade the next answer, up to N rounds (0-10), for every case whose answer is run (not explain); overrides each case's `repair:`, 0 turns the loop off. Later answers come from the model or from lines with \"round\".",
        valueName: "n"))
    var repair: Int?

    @Flag(name: .shortAndLong, help: "Print only the summary, not each failing sample.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let repair, !(0...10).contains(repair) { throw ValidationError("--repair must be a number of rounds from 0 to 10") }
        if judge.noJudge && judge.model != nil { throw ValidationError("--no-judge and --judge-model exclude each other") }
        let judges = URL(fileURLWithPath: judge.judges).standardizedFileURL.path
        let answers = URL(fileURLWithPath: responses).standardizedFileURL.path
        if samples == nil, judges == answers || judges.hasPrefix(answers + "/") {
            throw ValidationError("--judges must be outside --responses (\(responses)): every file there is graded as answers")
        }
        try model.validate(samplesFile: samples, judging: judge.model != nil && !judge.noJudge)
        if answeredOnly && samples == nil { throw ValidationError("--answered-only applies to --samples FILE") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/4") }
        if let selected = try selectedShard() {
            if model.record || model.refresh {
                throw ValidationError("record first, then grade in shards: --shard cannot be combined with --record or --refresh")
            }
            if !gates.isEmpty {
                throw ValidationError(
                    "shard \(selected) grades a slice: gate the whole run with `proctor merge RESULTS... --min-pass-rate ...` (the same gate flags), not the shard")
            }
        }
    }

    func run() async throws {
        let registry = PatternRegistry.shipped
        let configuration = try model.config.map { try registry.configurationLoader.load(path: $0) }
        let shard = try selectedShard()
        let selection = try self.selection.selection(rerunFailed: rerun.rerunFailed)
        let gates = try self.gates.gates(patterns: registry.names, more: shard == nil ? configuration?.gates ?? [] : [])
        let observer = ConsoleObserver()
        let source: any ResponseSource
        if let samples {
            source = SamplesFileSource(file: URL(fileURLWithPath: samples), answeredOnly: answeredOnly)
        } else if let models = model.source(
            responses: responses, suitePaths: suites.paths, configuration: configuration, observer: observer)
        {
            if model.dryRun { return try await dryRun(models, registry: registry) }
            source = models
        } else {
            source = RecordedResponseSource(directory: URL(fileURLWithPath: responses))
        }
        var plan = EvaluationPlan(
            suitePaths: suites.paths, source: source, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            shard: shard, gates: gates,
            reports: ReportPaths(
                junit: junit, results: results, summary: summary, html: html,
                // A shard, or a selected subset, is appended only to a history named with --history.
                history: noHistory ? nil : history ?? (shard == nil && selection.isEmpty ? "reports/history.sqlite" : nil)),
            repairRounds: repair, selection: selection)
        if judge.noJudge {
            plan.judgeOff = true
        } else if var judgePlan = judge.plan(
            mode: model.refresh ? .refresh : model.record ? .record : .replay,
            command: ["proctor", "run"] + suites.paths + (samples.map { ["--samples", $0] } ?? [])
                + (model.config.map { ["--config", $0] } ?? [])
                + (samples == nil && model.provider == .recorded && responses != "fixtures/responses"
                    ? ["--responses", responses] : []),
            maxCost: model.maxCost, configured: configuration?.judge)
        {
            judgePlan.requestTimeout = model.requestTimeout ?? 60
            if judgePlan.mode != .replay, model.maxCost != nil, judgePlan.prices == nil {
                throw BadInput(.error(
                    "--max-cost needs the judge's prices too when the judge may be asked",
                    hint: "give --judge-price-input and --judge-price-output (or price_input and price_output in the run configuration's judge:)"))
            }
            plan.judge = judgePlan.judge()
            plan.calibrations = try judge.calibrations
        } else {
            plan.judgeMissingHint = judge.missingJudgeHint
        }
        observer.start()
        let outcome: EvaluationOutcome
        do {
            defer { observer.stop() }
            outcome = try await Evaluation(registry: registry).run(plan, observer: observer)
        }
        let console = Console.standardOutput
        if !quiet { console.failures(outcome.report) }
        console.summary(outcome.report)
        if model.record || model.refresh { console.line(observer.recordingSummary()) }
        console.wrote(outcome.written)
        console.gates(outcome.gates)
        if !outcome.gatesMet { throw ExitCode(ExitStatus.gateFailed) }
    }

    /// `--dry-run`: how many requests the run would make; nothing is asked or graded. Replaying, samples without a
    /// recording are bad input, as in the replay itself.
    private func dryRun(_ models: MatrixResponseSource, registry: PatternRegistry) async throws {
        let loaded = try selection.selection(rerunFailed: rerun.rerunFailed).apply(to: registry.suiteLoader.load(paths: suites.paths)).suites
        let plan = try models.plan(for: loaded)
        let repairing = repair.map { $0 > 0 } ?? loaded.contains { $0.cases.contains { $0.repair > 0 } }
        let asking = models.sources.filter { $0.mode != .replay }.map(\.requests.model)
        let target = asking.isEmpty ? "" : " to \(asking.joined(separator: ", "))"
            + (model.config == nil ? " at \(model.baseURL)" : "")
        Console.standardOutput.line(
            "dry run: \(plan.requests) request(s)\(target); \(plan.recorded) sample(s) already recorded"
                + (plan.unrecorded > 0 ? ", \(plan.unrecorded) without a recording" : "")
                + (repairing ? "; repair rounds are asked as answers fail, not counted here" : ""))
        let judged = loaded.reduce(0) { $0 + $1.cases.filter { $0.judge != nil }.count }
        if judged > 0, !judge.noJudge {
            Console.standardOutput.line(
                "the judge is asked once per answer to the \(judged) judged explain case(s) that passes their word checks"
                    + " and has no judge recording, at most one request per such answer; not counted here")
        }
        if plan.unrecorded > 0 {
            // A replay stops at the first missing recording: say so now, as the replay would (exit 2).
            var commands: [String] = []
            for source in models.sources {
                if try source.plan(for: loaded).unrecorded > 0, !commands.contains(source.recordCommand) {
                    commands.append(source.recordCommand)
                }
            }
            throw BadInput(.error(
                "\(plan.unrecorded) sample(s) have no recording: a replay would stop with exit 2",
                hint: "record them with " + commands.map { "`\($0)`" }.joined(separator: " or ")))
        }
    }

    /// `--shard`, else the Kubernetes Indexed Job's (or a CI matrix's) `JOB_COMPLETION_INDEX` of `JOB_COMPLETIONS`.
    func selectedShard() throws -> Shard? {
        if let shard { return Shard(shard) }
        let environment = ProcessInfo.processInfo.environment
        guard let indexText = environment["JOB_COMPLETION_INDEX"] else { return nil }
        guard let countText = environment["JOB_COMPLETIONS"] else {
            throw ValidationError(
                "JOB_COMPLETION_INDEX=\(indexText) is set without JOB_COMPLETIONS: set it to the number of completions, or pass --shard I/N")
        }
        guard let index = Int(indexText), index < Int.max, let count = Int(countText),
            let shard = Shard(index: index + 1, count: count)
        else {
            throw ValidationError(
                "JOB_COMPLETION_INDEX=\(indexText) and JOB_COMPLETIONS=\(countText) do not name a shard (0 ≤ index < completions)")
        }
        return shard
    }
}
