import ProctorCore

/// One `<testsuite>` of the scorecard: a suite's graded samples, or one model's share of them.
struct ScorecardSuite {
    /// The suite name, or `suite [model]` when the suite's samples come from several models.
    var name: String
    var suite: String
    var systemPrompt: String?
    var model: String?
    var results: [GradedSample]

    /// Splits a run into testsuites: suites in the report's order (then any suite only the results name),
    /// each split by model when its samples carry more than one distinct model label.
    static func partition(_ report: RunReport) -> [ScorecardSuite] {
        var order: [String] = []
        var systemPrompts: [String: String?] = [:]
        for suite in report.suites where systemPrompts[suite.name] == nil {
            order.append(suite.name)
            systemPrompts[suite.name] = suite.system
        }
        var resultsBySuite: [String: [GradedSample]] = [:]
        for result in report.results {
            let name = result.sample.suite
            if systemPrompts[name] == nil {
                order.append(name)
                systemPrompts[name] = .some(nil)
            }
            resultsBySuite[name, default: []].append(result)
        }
        return order.flatMap { name in
            split(suite: name, systemPrompt: systemPrompts[name] ?? nil, results: resultsBySuite[name] ?? [])
        }
    }

    private static func split(suite: String, systemPrompt: String?, results: [GradedSample]) -> [ScorecardSuite] {
        var models: [String?] = []
        var resultsByModel: [String?: [GradedSample]] = [:]
        for result in results {
            let model = result.sample.model
            if resultsByModel[model] == nil { models.append(model) }
            resultsByModel[model, default: []].append(result)
        }
        guard models.count > 1 else {
            return [ScorecardSuite(
                name: suite, suite: suite, systemPrompt: systemPrompt, model: models.first ?? nil, results: results)]
        }
        return models.map { model in
            ScorecardSuite(
                name: "\(suite) [\(model ?? "unspecified")]", suite: suite, systemPrompt: systemPrompt,
                model: model, results: resultsByModel[model] ?? [])
        }
    }

    var tally: Tally { Tally(results.map(\.verdict.outcome)) }

    /// Time spent grading this testsuite's samples, in seconds.
    var duration: Double { results.reduce(0) { $0 + $1.duration } }
}
