import ArgumentParser
import Foundation
import ProctorCore
import ProctorReports
import ProctorSuites

/// `proctor run`: grades responses to the selected suites and writes the scorecard and results.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Grade model responses to suites and write a JUnit scorecard and results.",
        discussion: """
            Without --samples, grades the recorded responses in --responses (default fixtures/responses). \
            Reports are written even when a gate fails.

            Exit codes: 0 run complete and gates met; 1 a gate failed; 2 bad input; 3 internal failure.
            """)

    @OptionGroup var suites: SuitePaths

    @Option(help: ArgumentHelp("Grade these pre-generated responses (JSON Lines) instead of the recorded ones.",
                               valueName: "file"))
    var samples: String?

    @Option(help: ArgumentHelp("Folder of recorded responses (.jsonl files) graded when --samples is absent.",
                               valueName: "dir"))
    var responses: String = "fixtures/responses"

    @OptionGroup(title: "Model") var model: ModelOptions

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

    @Option(name: .customLong("min-pass-rate"),
            help: ArgumentHelp("Exit 1 when the overall pass rate is below this (0...1).", valueName: "rate"))
    var minPassRate: Double?

    @Option(name: .customLong("min-pass-rate-suite"), help: ArgumentHelp(
        "Exit 1 when a suite's pass rate is below R: NAME=R; repeat for several (also a suite's `min_pass_rate:`).",
        valueName: "name=rate"))
    var minPassRateSuite: [String] = []

    @Option(name: .customLong("min-pass-rate-pattern"), help: ArgumentHelp(
        "Exit 1 when a pattern's pass rate is below R: PATTERN=R (e.g. sql=0.8); repeat for several.",
        valueName: "pattern=rate"))
    var minPassRatePattern: [String] = []

    @Option(help: ArgumentHelp(
        "Self-contained HTML report to write: matrix, pass rate over time, every sample.", valueName: "file"))
    var html: String = "reports/index.html"

    @Option(help: ArgumentHelp("The history database every run is appended to.", valueName: "file"))
    var history: String = "reports/history.sqlite"

    @Flag(name: .customLong("no-history"), help: "Do not append this run to the history.")
    var noHistory = false

    @Option(help: ArgumentHelp(
        "A results file of an earlier run: samples that passed there and fail now are regressions.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("max-regressions"), help: ArgumentHelp(
        "Exit 1 when more samples than this regressed against --baseline (default 0).", valueName: "n"))
    var maxRegressions: Int?

    @Option(help: ArgumentHelp(
        "Grade only slice I of N (1-based) of the samples, by a stable hash; default from JOB_COMPLETION_INDEX (0-based) and JOB_COMPLETIONS when set. Combine the slices with `proctor merge`.",
        valueName: "I/N"))
    var shard: String?

    @Flag(name: .shortAndLong, help: "Print only the summary, not each failing sample.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        try model.validate(samplesFile: samples)
        if maxRegressions != nil && baseline == nil { throw ValidationError("--max-regressions needs --baseline FILE") }
        _ = try commandLineGates()
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/4") }
        if try selectedShard() != nil && (model.record || model.refresh) {
            throw ValidationError("record first, then grade in shards: --shard cannot be combined with --record or --refresh")
        }
        if let maxRegressions, maxRegressions < 0 { throw ValidationError("--max-regressions must be 0 or more") }
        if let minPassRate, !(0...1).contains(minPassRate) {
            throw ValidationError("--min-pass-rate must be between 0 and 1, e.g. 0.8")
        }
    }

    func run() async throws {
        let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let loaded = try SuiteLoader().load(paths: suites.paths)
        let baselineRows = try baseline.map { try ResultRow.read(URL(fileURLWithPath: $0), displayPath: $0) }
        let configuration = try model.config.map { try RunConfigurationLoader().load(path: $0) }
        let source: any ResponseSource
        if let samples {
            source = SamplesFileSource(file: URL(fileURLWithPath: samples))
        } else if let models = model.source(responses: responses, suitePaths: suites.paths, configuration: configuration) {
            if model.dryRun {
                let plan = try models.plan(for: loaded)
                let asking = models.sources.filter { $0.mode != .replay }.map(\.requests.model)
                let target = asking.isEmpty ? "" : " to \(asking.joined(separator: ", "))"
                    + (model.config == nil ? " at \(model.baseURL)" : "")
                Console.standardOutput.line(
                    "dry run: \(plan.requests) request(s)\(target); \(plan.recorded) sample(s) already recorded")
                return
            }
            source = models
        } else {
            source = RecordedResponseSource(directory: URL(fileURLWithPath: responses))
        }
        // Suite bugs (a fixture, a gold query, tests that do not compile) show before any request is paid for.
        let wiring = try Wiring(for: loaded, jobs: jobs)
        if let sandbox = wiring.sandbox { Console.standardError.line(sandbox.isolation.description) }
        let runner = Runner(graders: wiring.graders, jobs: jobs)
        let prepared = try await runner.prepare(loaded)
        var batch = try await source.samples(for: loaded)
        Console.standardError.diagnostics(batch.warnings)
        let selected = try selectedShard()
        if let selected {
            let all = batch.samples.count
            batch.samples = batch.samples.filter(selected.contains)
            Console.standardError.line("shard \(selected): \(batch.samples.count) of \(all) samples")
        }
        guard !batch.samples.isEmpty else {
            throw BadInput(.error("nothing to grade: no sample answers a case of the selected suites"))
        }
        let progress = ProgressLine.onTerminal(total: batch.samples.count)
        var onGraded: (@Sendable (GradedSample) -> Void)?
        if let progress { onGraded = { progress.advance($0) } }
        var report = try await runner.run(prepared, samples: batch.samples, progress: onGraded)
        progress?.finish()
        report.properties = wiring.properties
        if let selected { report.properties["shard"] = selected.description }
        if let failures = report.properties["warm_worker_failures"] {
            Console.standardError.line("warning: \(failures) sample(s) ran cold after their warm worker failed")
        }

        try ReportFile.write(try JUnitRenderer().render(report), to: URL(fileURLWithPath: junit))
        try ReportFile.write(try ResultsRenderer().render(report), to: URL(fileURLWithPath: results))
        try ReportFile.write(try SummaryRenderer().render(report), to: URL(fileURLWithPath: summary))
        var recent: [HistoryRun] = []
        if !noHistory {
            let store = try HistoryStore(path: history)
            try store.append(report, gitCommit: Self.gitCommit(of: loaded), suiteHashes: Self.contentHashes(of: loaded))
            recent = try store.recent(runs: 30)
        }
        try ReportFile.write(HTMLRenderer(history: recent).render(report), to: URL(fileURLWithPath: html))

        let console = Console.standardOutput
        if !quiet { console.failures(report) }
        console.summary(report)
        console.line("wrote \(junit), \(results), \(summary) and \(html)")

        var failed = false
        let configurationGates = configuration?.gates ?? []
        let suiteGates = loaded.compactMap { suite in suite.minPassRate.map { PassRateGate(.suite(suite.name), minimum: $0) } }
        for gate in try commandLineGates() + configurationGates + suiteGates {
            let (met, tally) = gate.check(report)
            let line = String(format: "%@: %@ pass rate %.1f%% (%d of %d) %@ %.1f%%", met ? "gate met" : "gate failed",
                              gate.scope.description, tally.passRate * 100, tally.passed, tally.total,
                              met ? "≥" : "is below", gate.minimum * 100)
            console.line(line)
            failed = failed || !met
        }
        if let baselineRows, let baseline {
            let regressions = Regressions(baseline: baselineRows, current: report.results)
            let limit = maxRegressions ?? 0
            for name in regressions.counted { console.line(UntrustedText.line("regressed: \(name)")) }
            for name in regressions.flaky { console.line(UntrustedText.line("flaky (not counted): \(name)")) }
            let counted = regressions.counted.count
            if counted > limit {
                console.line("gate failed: \(counted) regression(s) against \(baseline), more than --max-regressions \(limit)")
                failed = true
            } else {
                console.line("gate met: \(counted) regression(s) against \(baseline) ≤ \(limit)")
            }
        }
        if failed { throw ExitCode(ExitStatus.gateFailed) }
    }

    /// `--shard`, else the Kubernetes Indexed Job's (or a CI matrix's) `JOB_COMPLETION_INDEX` of `JOB_COMPLETIONS`.
    func selectedShard() throws -> Shard? {
        if let shard { return Shard(shard) }
        let environment = ProcessInfo.processInfo.environment
        guard let indexText = environment["JOB_COMPLETION_INDEX"], let countText = environment["JOB_COMPLETIONS"] else {
            return nil
        }
        guard let index = Int(indexText), let count = Int(countText), let shard = Shard(index: index + 1, count: count) else {
            throw ValidationError(
                "JOB_COMPLETION_INDEX=\(indexText) and JOB_COMPLETIONS=\(countText) do not name a shard (0 ≤ index < completions)")
        }
        return shard
    }

    /// The pass-rate gates of the command line: overall, then per suite and per pattern.
    func commandLineGates() throws -> [PassRateGate] {
        var gates = minPassRate.map { [PassRateGate(.overall, minimum: $0)] } ?? []
        func parse(_ text: String, flag: String) throws -> (String, Double) {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let rate = Double(parts[1]), (0...1).contains(rate) else {
                throw ValidationError("\(flag) takes NAME=RATE with a rate from 0 to 1, e.g. school=0.8, not '\(text)'")
            }
            return (parts[0], rate)
        }
        for text in minPassRateSuite {
            let (name, rate) = try parse(text, flag: "--min-pass-rate-suite")
            gates.append(PassRateGate(.suite(name), minimum: rate))
        }
        for text in minPassRatePattern {
            let (name, rate) = try parse(text, flag: "--min-pass-rate-pattern")
            guard let pattern = Pattern(rawValue: name) else {
                throw ValidationError("unknown pattern '\(name)' in --min-pass-rate-pattern; one of: "
                    + Pattern.allCases.map(\.rawValue).joined(separator: ", "))
            }
            gates.append(PassRateGate(.pattern(pattern), minimum: rate))
        }
        return gates
    }

    /// The commit the suites' repository is at, if they are in one.
    static func gitCommit(of suites: [Suite]) -> String? {
        guard let folder = suites.first?.file.deletingLastPathComponent() else { return nil }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", folder.path, "rev-parse", "HEAD"]
        let output = Pipe()
        git.standardOutput = output
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        let commit = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return git.terminationStatus == 0 && !commit.isEmpty ? commit : nil
    }

    /// The SHA-256 of each suite file's bytes, by suite name.
    static func contentHashes(of suites: [Suite]) -> [String: String] {
        Dictionary(suites.compactMap { suite in
            (try? Data(contentsOf: suite.file)).map { (suite.name, SHA256.hex(String(decoding: $0, as: UTF8.self))) }
        }, uniquingKeysWith: { first, _ in first })
    }
}
