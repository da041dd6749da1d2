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
        let outcomes = try await forEach(work, width: jobs) { item -> Result<any CaseGrader, BadInput> in
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
    /// `progress` is called once per graded sample, from any task, in completion order.
    public func run(
        _ prepared: PreparedSuites, samples: [Sample], runID: String = Runner.makeRunID(),
        progress: (@Sendable (GradedSample) -> Void)? = nil
    ) async throws -> RunReport {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        var cases: [CaseKey: Case] = [:]
        for suite in prepared.suites {
            for testCase in suite.cases { cases[CaseKey(suite: suite.name, caseID: testCase.id)] = testCase }
        }
        let missing = samples.filter { prepared.grader(for: $0) == nil }
        if !missing.isEmpty {
            throw BadInput(missing.prefix(20).map {
                .error("sample for unknown case \($0.suite)/\($0.caseID)", at: $0.origin)
            })
        }
        let caseOf = cases
        let results = try await forEach(samples, width: jobs) { sample -> GradedSample in
            let key = CaseKey(suite: sample.suite, caseID: sample.caseID)
            let began = clock.now
            var sample = sample
            let verdict: Verdict
            let oversized = OversizedResponse(limit: caseOf[key]?.maxResponseBytes ?? Case.defaultMaxResponseBytes)
            if !sample.answered {
                verdict = .error("no response", details: VerdictDetails(kind: "no-response"))
            } else if oversized.exceeded(by: sample.response) {
                verdict = oversized.verdict(for: sample.response)
                sample.response = oversized.shortened(sample.response)
            } else {
                verdict = try await prepared.grader(for: sample)?.grade(sample.response) ?? .error("internal: no grader")
            }
            let took = clock.now - began
            var graded = GradedSample(
                sample: sample, pattern: caseOf[key]?.pattern ?? Pattern("unknown"), verdict: verdict,
                duration: Self.seconds(took))
            if let limit = caseOf[key]?.timeout { graded.nearLimit = took >= limit * 0.8 }
            progress?(graded)
            return graded
        }
        let ordered = ReportOrder(suites: prepared.suites).sorted(results)
        return RunReport(runID: runID, startedAt: startedAt, duration: Self.seconds(clock.now - start),
                         suites: prepared.suites, results: ordered)
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

    /// Maps `body` over `items` with at most `width` running at once; results keep the input order.
    private func forEach<Item: Sendable, Output: Sendable>(
        _ items: [Item], width: Int, _ body: @escaping @Sendable (Item) async throws -> Output
    ) async throws -> [Output] {
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var outputs = [Output?](repeating: nil, count: items.count)
            var next = 0
            for _ in 0..<min(width, items.count) {
                let index = next
                group.addTask { (index, try await body(items[index])) }
                next += 1
            }
            while let (index, output) = try await group.next() {
                outputs[index] = output
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await body(items[index])) }
                    next += 1
                }
            }
            return outputs.compactMap { $0 }
        }
    }
}
