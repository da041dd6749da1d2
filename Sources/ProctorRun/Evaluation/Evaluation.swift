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
        let suites = try registry.suiteLoader.load(paths: plan.suitePaths)
        var gates = plan.gates
        gates.passRates += suites.compactMap { suite in suite.minPassRate.map { PassRateGate(.suite(suite.name), minimum: $0) } }
        try gates.validate(against: suites)
        try plan.reports.check()
        let context = GraderContext(jobs: plan.jobs)
        // Suite bugs (a fixture, a gold query, tests that do not compile) show before any request is paid for.
        let runner = Runner(graders: try registry.graders(for: suites, in: context), jobs: plan.jobs)
        if let sandbox = context.pythonSandbox { observer.note(sandbox.isolation.description) }
        let prepared = try await runner.prepare(suites)
        var batch = try await plan.source.samples(for: suites)
        observer.warn(batch.warnings)
        for index in batch.samples.indices { batch.samples[index].position = index }
        if let shard = plan.shard {
            let all = batch.samples.count
            batch.samples = batch.samples.filter(shard.contains)
            observer.note("shard \(shard): \(batch.samples.count) of \(all) samples")
        }
        guard !batch.samples.isEmpty else {
            throw BadInput(.error("nothing to grade: no sample answers a case of the selected suites"))
        }
        observer.grading(total: batch.samples.count)
        var report = try await runner.run(prepared, samples: batch.samples) { observer.graded($0) }
        observer.gradingFinished()
        report.properties = context.properties
        if let shard = plan.shard { report.properties["shard"] = shard.description }
        if let failures = report.properties["warm_worker_failures"] {
            observer.note("warning: \(failures) sample(s) ran cold after their warm worker failed")
        }
        try ReportWriter(paths: plan.reports).write(report)
        return EvaluationOutcome(report: report, gates: gates.check(report), written: plan.reports.files)
    }

    /// Loads and prepares the suites at `paths` (fixtures built, gold queries run, Python tests compiled) and grades
    /// nothing; returns how many suites and cases were checked.
    public func validate(paths: [String], jobs: Int) async throws -> (suites: Int, cases: Int) {
        let suites = try registry.suiteLoader.load(paths: paths)
        let runner = Runner(graders: try registry.graders(for: suites, in: GraderContext(jobs: jobs)), jobs: jobs)
        return (suites.count, try await runner.prepare(suites).caseCount)
    }
}
