import Foundation
import ProctorCore
import ProctorSuites

/// A whole run: load the suites, prepare their cases, get the responses, grade them, write the reports, check the
/// gates — one call.
public struct Evaluation: Sendable {
    public var registry: PatternRegistry

    public init(registry: PatternRegistry = .shipped) {
        self.registry = registry
    }

    /// Runs `plan`; a suite problem, unreadable input or nothing to grade throws `BadInput` before any report is
    /// written. A failing gate is data in the outcome, not an error.
    public func run(_ plan: EvaluationPlan, observer: some EvaluationObserver = SilentObserver()) async throws
        -> EvaluationOutcome
    {
        let selected = try plan.selection.apply(to: registry.suiteLoader.load(paths: plan.suitePaths))
        let suites = selected.suites
        // A shard's gates are checked by `proctor merge` on the whole run, never on a slice.
        var gates = plan.shard == nil ? plan.gates.adding(minimumsOf: suites) : Gates()
        gates.leaveOut(selected.leftOut, selection: selected.summary)
        try gates.validate(against: suites)
        try plan.reports.check()
        var notes: [String] = []
        let judge = try await startJudge(plan, suites: suites, notes: &notes)
        let context = GraderContext(
            jobs: plan.jobs, neighbourCache: plan.reports.neighbourCache, judge: judge, calibrations: plan.calibrations)
        // Suite bugs (a fixture, a gold query, tests that do not compile) show before any request is paid for.
        let runner = Runner(graders: try registry.graders(for: suites, in: context), jobs: plan.jobs)
        if let sandbox = context.pythonSandbox { observer.note(sandbox.isolation.description) }
        let prepared = try await runner.prepare(suites)
        var batch = try await plan.source.samples(for: suites, leavingOut: selected.leftOut)
        observer.warn(batch.warnings)
        for note in notes { observer.note(note) }
        if let summary = selected.summary {
            notes.append("selection \(summary): the other cases were not graded, and no gate covers them"
                + (plan.reports.history == nil ? "; not appended to a history (name one with --history FILE)" : ""))
            observer.note(notes[notes.count - 1])
        }
        if batch.leftOut > 0 {
            notes.append("--answered-only: left out \(batch.leftOut) expected sample(s) of cases without a response")
            observer.note(notes[notes.count - 1])
        }
        for index in batch.samples.indices {
            batch.samples[index].position = index
            batch.samples[index].runSamples = batch.samples.count
        }
        try gates.validateBaseline(against: batch.samples.map(\.key))
        if let rounds = plan.repairRounds, rounds > 0 {
            guard suites.contains(where: { $0.cases.contains(where: \.runsCode) }) else {
                throw BadInput(.error(
                    "--repair \(rounds): no selected case can be repaired (an explain answer is not run)",
                    hint: "select suites with cases that run code, or drop --repair"))
            }
            if (batch.repairs as? RecordedRounds)?.isEmpty ?? (batch.repairs == nil) {
                throw BadInput(.error(
                    "--repair \(rounds) needs the answers of later rounds: the responses have no lines with a \"round\"",
                    hint: "ask a model for them (--provider openai --model M, or --config), or give each later answer as a line with \"round\": 2, 3, ..."))
            }
        }
        if let recorded = batch.repairs as? RecordedRounds {
            observer.warn(Self.unusedRounds(recorded, suites: suites, override: plan.repairRounds))
        }
        if let shard = plan.shard {
            let all = batch.samples.count
            batch.samples = batch.samples.filter(shard.contains)
            observer.note("shard \(shard): \(batch.samples.count) of \(all) samples")
        } else if batch.samples.isEmpty {
            throw BadInput(.error("nothing to grade: no sample answers a case of the selected suites"))
        }
        observer.grading(total: batch.samples.count)
        var report = try await runner.run(
            prepared, samples: batch.samples, repairs: batch.repairs, repairRounds: plan.repairRounds
        ) { observer.graded($0) }
        try await batch.repairs?.finish()
        try await judge?.finish()
        observer.gradingFinished()
        notes += report.notes
        for note in report.notes { observer.note(note) }
        report.properties = context.properties
        if let judge {
            report.properties.merge(Self.judgeProperties(judge.identity, suites: suites, calibrations: plan.calibrations)) { $1 }
        } else if plan.judgeOff, let note = notes.first(where: { $0.hasPrefix("--no-judge") }) {
            report.properties["judge"] = note
        }
        if let shard = plan.shard {
            report.properties["shard"] = shard.description
            notes.append("shard \(shard): gates are checked on the merged run (`proctor merge`)")
        }
        if batch.leftOut > 0 { report.properties["left_out"] = String(batch.leftOut) }
        if let summary = selected.summary { report.properties["selection"] = summary }
        if let failures = report.properties["warm_worker_failures"] {
            observer.note("warning: \(failures) sample(s) ran cold after their warm worker failed")
        }
        let results = gates.check(report)
        report.notes = notes + results.flatMap { $0.notes + [$0.summary] }
        try ReportWriter(paths: plan.reports).write(report)
        return EvaluationOutcome(report: report, gates: results, written: plan.reports.files)
    }

    /// Loads and prepares the suites at `paths` (fixtures built, gold queries run, SQL neighbours derived, Python
    /// tests compiled) and proves each case's `solution` passes and none of its `mutants` does; grades no model
    /// answer.
    ///
    /// Throws `BadInput` for every suite problem; returns the suites' and cases' counts, what preparing each case
    /// noted, and warnings (a gold or solution that reads the clock or randomness — an error when `strict` —, a
    /// timeout too tight for the solution).
    public func validate(
        paths: [String], jobs: Int, strict: Bool = false, neighbourCache: URL? = nil,
        selection: CaseSelection = CaseSelection()
    ) async throws -> ValidationReport {
        let suites = try selection.apply(to: registry.suiteLoader.load(paths: paths)).suites
        let context = GraderContext(jobs: jobs, neighbourCache: neighbourCache)
        let runner = Runner(graders: try registry.graders(for: suites, in: context), jobs: jobs)
        let prepared = try await runner.prepare(suites)
        let warnings = try await SelfCheck(registry: registry, strict: strict).run(suites, prepared: prepared)
        let cases = suites.flatMap(\.cases)
        return ValidationReport(
            suites: suites.count, cases: prepared.caseCount, solutions: cases.filter { $0.solution != nil }.count,
            mutants: cases.reduce(0) { $0 + $1.mutants.count }, warnings: warnings,
            notes: prepared.notes.map { CaseNotes(suite: $0.key.suite, caseID: $0.key.caseID, notes: $0.notes) })
    }

    /// The run's judge when some selected case has `judge:` criteria, started; nil (and a note) with `judgeOff`.
    /// Such cases without a judge are bad input: they would pass on words alone without saying so.
    private func startJudge(_ plan: EvaluationPlan, suites: [Suite], notes: inout [String]) async throws -> (any Judge)? {
        let judged = suites.flatMap(\.cases).filter { $0.judge != nil }
        guard !judged.isEmpty else { return nil }
        if plan.judgeOff {
            notes.append("--no-judge: \(judged.count) explain case(s) with `judge:` criteria decided by their other checks alone")
            return nil
        }
        guard let judge = plan.judge else {
            throw BadInput(.error(
                "\(judged.count) explain case(s) have `judge:` criteria, but the run has no judge", at: judged[0].location,
                hint: plan.judgeMissingHint
                    ?? "name one with --judge-model M (its recordings: fixtures/judge/M/), or decide them by their other checks with --no-judge"))
        }
        try await judge.start(suites)
        return judge
    }

    /// `judge_model`, `judge_settings` and `judge_kappa` (per suite with judged cases) for the scorecards of a run,
    /// or of a merge of its shards.
    static func judgeProperties(_ identity: JudgeIdentity, suites: [Suite], calibrations: JudgeCalibrations) -> [String: String] {
        let kappas = suites.filter { $0.cases.contains { $0.judge != nil } }.map { suite in
            let value = switch calibrations.status(suite: suite, judge: identity) {
            case .never: "never calibrated"
            case .stale: "calibrated before the criteria changed"
            case let .tooFewLabels(_, kappa?): String(format: "%.3f", kappa) + " (too few labels)"
            case .tooFewLabels(_, nil), .undefined: "undefined"
            case let .measured(kappa): String(format: "%.3f", kappa)
            }
            return "\(suite.name)=\(value)"
        }
        return ["judge_model": identity.model, "judge_settings": identity.settings,
                "judge_kappa": kappas.joined(separator: "; ")]
    }

    /// A warning per kind of round line no loop can reach: the case runs no code, allows no repair, or fewer rounds.
    public static func unusedRounds(_ recorded: RecordedRounds, suites: [Suite], override: Int?) -> [Diagnostic] {
        var cases: [CaseKey: Case] = [:]
        for suite in suites {
            for testCase in suite.cases { cases[CaseKey(suite: suite.name, caseID: testCase.id)] = testCase }
        }
        var unused: [String: [SourceLocation]] = [:]
        for line in recorded.lines {
            guard let testCase = cases[line.sample.caseKey] else { continue }
            let limit = override.map { testCase.runsCode ? $0 : 0 } ?? testCase.repair
            guard line.round > limit + 1 else { continue }
            let why = !testCase.runsCode ? "their case's answer is not run (\(testCase.pattern.rawValue))"
                : limit == 0 ? (override == 0 ? "--repair 0 turns the loop off" : "their case allows no repair (no `repair:`)")
                : "they are beyond the \(limit) repair round(s) the run allows"
            unused[why, default: []].append(line.origin)
        }
        return unused.sorted { $0.key < $1.key }.map { why, places in
            .warning("\(places.count) round line(s) not used: \(why)", at: places[0],
                     hint: places.count > 1 ? "the first is here; \(places.count - 1) more follow" : nil)
        }
    }
}
