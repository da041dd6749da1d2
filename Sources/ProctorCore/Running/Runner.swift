import Foundation

/// Wires suites, samples and graders together and grades in parallel.
public struct Runner: Sendable {
    /// The grader for each pattern; a case whose pattern has none is a suite problem.
    public var graders: [Pattern: any Grader]
    /// Most samples graded at once.
    public var jobs: Int

    public init(graders: [Pattern: any Grader], jobs: Int) {
        self.graders = graders
        self.jobs = max(1, jobs)
    }

    /// Prepares every case: loads fixtures and computes reference answers.
    ///
    /// Throws `BadInput` listing every suite problem found.
    public func prepare(_ suites: [Suite]) async throws -> PreparedSuites {
        var work: [(key: CaseKey, suite: Suite, testCase: Case)] = []
        for suite in suites {
            for testCase in suite.cases {
                work.append((CaseKey(suite: suite.name, caseID: testCase.id), suite, testCase))
            }
        }
        let graders = self.graders
        let outcomes = try await BoundedMap.map(work, width: jobs) { item -> Result<any CaseGrader, BadInput> in
            guard let grader = graders[item.testCase.pattern] else {
                return .failure(BadInput(.error(
                    "no grader for pattern \(item.testCase.pattern.rawValue)", at: item.testCase.location)))
            }
            do {
                return .success(try await grader.prepare(item.testCase, of: item.suite))
            } catch let error as BadInput {
                return .failure(error)
            }
        }
        var prepared: [CaseKey: any CaseGrader] = [:]
        var diagnostics: [Diagnostic] = []
        for (item, outcome) in zip(work, outcomes) {
            switch outcome {
            case let .success(grader): prepared[item.key] = grader
            case let .failure(error): diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        return PreparedSuites(suites: suites, graders: prepared)
    }

    /// Grades every sample; results come back in ``ReportOrder``.
    ///
    /// A response larger than its case's `maxResponseBytes` is an error without being graded, and the report
    /// keeps only its first few kilobytes.
    ///
    /// A sample whose case allows repair rounds (`repair`, or `repairRounds` for every case that runs code) and
    /// whose answer does not pass gets feedback built from its verdict and the next answer from `repairs`, up to
    /// that many rounds; its verdict is the last round's. A later answer `repairs` lacks and cannot ask for is bad
    /// input, reported for every sample at once.
    ///
    /// `progress` is called once per graded sample, from any task, in completion order.
    public func run(
        _ prepared: PreparedSuites, samples: [Sample], runID: String = Runner.makeRunID(),
        repairs: (any RepairSource)? = nil, repairRounds: Int? = nil,
        progress: (@Sendable (GradedSample) -> Void)? = nil
    ) async throws -> RunReport {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        var cases: [CaseKey: (suite: Suite, testCase: Case)] = [:]
        for suite in prepared.suites {
            for testCase in suite.cases { cases[CaseKey(suite: suite.name, caseID: testCase.id)] = (suite, testCase) }
        }
        let missing = samples.filter { prepared.grader(for: $0) == nil }
        if !missing.isEmpty {
            throw BadInput(missing.map {
                .error("sample for unknown case \($0.suite)/\($0.caseID)", at: $0.origin)
            })
        }
        let caseOf = cases
        let outcomes = try await BoundedMap.map(samples, width: jobs) { sample -> SampleOutcome in
            let key = CaseKey(suite: sample.suite, caseID: sample.caseID)
            let began = clock.now
            guard let (suite, testCase) = caseOf[key], let grader = prepared.grader(for: sample) else {
                return SampleOutcome(graded: GradedSample(
                    sample: sample, pattern: Pattern("unknown"), verdict: .error("internal: no grader"), duration: 0), slowest: .zero)
            }
            var graded = sample
            let verdict: Verdict
            do {
                verdict = try await Self.grade(&graded, of: testCase, with: grader)
            } catch let error as BadInput {
                // A recording the grader needs is missing (a judge's): told with every other one, after the run.
                return SampleOutcome(
                    graded: GradedSample(sample: sample, pattern: testCase.pattern, verdict: .error("bad input"), duration: 0),
                    slowest: .zero, missing: error.diagnostics)
            }
            var outcome = SampleOutcome(
                graded: GradedSample(sample: graded, pattern: testCase.pattern, verdict: verdict, duration: 0),
                slowest: clock.now - began)
            let limit = repairRounds.map { testCase.runsCode ? $0 : 0 } ?? testCase.repair
            if limit > 0, !sample.answered {
                // Counted in both rates of the loop: an answer that never came passes neither.
                outcome.graded.rounds = [GradedRound(round: 1, response: "", verdict: verdict)]
            }
            if limit > 0, sample.answered {
                do {
                    try await Self.repair(
                        &outcome, limit: limit, suite: suite, testCase: testCase, grader: grader, source: repairs)
                } catch let error as BadInput {
                    outcome.missing += error.diagnostics
                }
            }
            outcome.graded.duration = Self.seconds(clock.now - began)
            outcome.graded.nearLimit = outcome.slowest >= testCase.timeout * 0.8
            progress?(outcome.graded)
            return outcome
        }
        var missingRecordings: [Diagnostic] = []
        for diagnostic in outcomes.flatMap(\.missing) where !missingRecordings.contains(diagnostic) {
            missingRecordings.append(diagnostic)
        }
        if !missingRecordings.isEmpty {
            throw BadInput(missingRecordings)
        }
        let ordered = ReportOrder(suites: prepared.suites).sorted(outcomes.map(\.graded))
        var report = RunReport(runID: runID, startedAt: startedAt, duration: Self.seconds(clock.now - start),
                               suites: prepared.suites, results: ordered)
        report.notes = RepairTally.stoppedNotes(report.results)
        return report
    }

    /// What grading one sample gave: the graded sample, and recordings that were missing or a loop that stopped.
    private struct SampleOutcome: Sendable {
        var graded: GradedSample
        /// The longest grading of one round.
        var slowest: Duration
        /// Recordings the sample needed that are missing: bad input, reported for every sample at once.
        var missing: [Diagnostic] = []
        var stopped: String?
    }

    /// Grades `sample`'s response, shortening an oversized one in place.
    private static func grade(_ sample: inout Sample, of testCase: Case, with grader: any CaseGrader) async throws -> Verdict {
        if !sample.answered { return .error("no response", details: VerdictDetails(kind: "no-response")) }
        let oversized = OversizedResponse(limit: testCase.maxResponseBytes)
        if oversized.exceeded(by: sample.response) {
            let verdict = oversized.verdict(for: sample.response)
            sample.response = oversized.shortened(sample.response)
            return verdict
        }
        return try await grader.grade(sample.response)
    }

    /// Runs the repair loop after the first round of `outcome`, up to `limit` more rounds.
    private static func repair(
        _ outcome: inout SampleOutcome, limit: Int, suite: Suite, testCase: Case, grader: any CaseGrader,
        source: (any RepairSource)?
    ) async throws {
        let template = testCase.feedback ?? .standard
        var graded = outcome.graded
        var rounds = [GradedRound(
            round: 1, response: graded.sample.response, verdict: graded.verdict, usage: graded.sample.usage)]
        var turns: [RepairTurn] = []
        let clock = ContinuousClock()
        while let last = rounds.last, last.verdict.outcome != .pass, rounds.count <= limit {
            if let kind = last.verdict.details.kind, FeedbackTemplate.withheldKinds.contains(kind) {
                outcome.stopped = "an answer that attacked the grader (\(kind)) gets no feedback"
                break
            }
            let feedback = template.render(last.verdict, round: last.round)
            turns.append(RepairTurn(answer: last.response, feedback: feedback, failure: RepairTurn.failure(of: last.verdict)))
            guard let source else {
                outcome.stopped = "no source of later answers"
                break
            }
            let request = RepairRequest(sample: graded.sample, suite: suite, testCase: testCase, turns: turns)
            switch try await source.answer(request) {
            case let .missing(diagnostic):
                outcome.missing.append(diagnostic)
            case let .unavailable(reason):
                outcome.stopped = reason
            case let .answered(response, usage, origin, modelVersion):
                rounds[rounds.count - 1].feedback = feedback
                var next = graded.sample
                next.response = response
                next.usage = usage
                next.origin = origin ?? next.origin
                if let modelVersion { next.modelVersion = modelVersion }
                let began = clock.now
                let verdict = try await grade(&next, of: testCase, with: grader)
                outcome.slowest = max(outcome.slowest, clock.now - began)
                rounds.append(GradedRound(round: rounds.count + 1, response: next.response, verdict: verdict, usage: usage))
                graded.sample.modelVersion = next.modelVersion
                graded.sample.origin = next.origin
                continue
            }
            break
        }
        guard let last = rounds.last else { return }
        graded.rounds = rounds
        graded.repairStopped = outcome.stopped
        graded.verdict = last.verdict
        graded.sample.response = last.response
        // The sums: a cost only when every round's is known.
        graded.sample.usage = Usage.total(rounds.compactMap(\.usage))
        if rounds.contains(where: { $0.usage == nil }) { graded.sample.usage?.cost = nil }
        outcome.graded = graded
    }

    /// A sortable, unique run id: UTC time plus a random suffix.
    public static func makeRunID(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = UUID().uuidString.prefix(8).lowercased()
        return "\(formatter.string(from: date))-\(suffix)"
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
