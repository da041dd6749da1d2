import ProctorCore

/// One `<testsuite>` of the scorecard: a suite's graded samples, or one model's (and variant's) share of them.
struct ScorecardSuite {
    /// The suite name, or `suite [model]`, `suite [model, variant]` when the suite's samples come from several.
    var name: String
    var suite: String
    var systemPrompt: String?
    var model: String?
    var variant: String?
    var results: [GradedSample]

    /// Splits a run into testsuites: suites in the report's order (then any suite only the results name),
    /// each split by model and variant when its samples carry more than one distinct pair of labels.
    static func partition(_ report: RunReport) -> [ScorecardSuite] {
        var order: [String] = []
        var suites: [String: Suite?] = [:]
        for suite in report.suites where suites[suite.name] == nil {
            order.append(suite.name)
            suites[suite.name] = suite
        }
        var resultsBySuite: [String: [GradedSample]] = [:]
        for result in report.results {
            let name = result.sample.suite
            if suites[name] == nil {
                order.append(name)
                suites[name] = .some(nil)
            }
            resultsBySuite[name, default: []].append(result)
        }
        return order.flatMap { name in
            split(suite: name, definition: suites[name] ?? nil, results: resultsBySuite[name] ?? [])
        }
    }

    private struct Labels: Hashable {
        var model: String?
        var variant: String?
    }

    private static func split(suite: String, definition: Suite?, results: [GradedSample]) -> [ScorecardSuite] {
        var labels: [Labels] = []
        var resultsByLabels: [Labels: [GradedSample]] = [:]
        for result in results {
            let key = Labels(model: result.sample.model, variant: result.sample.variant)
            if resultsByLabels[key] == nil { labels.append(key) }
            resultsByLabels[key, default: []].append(result)
        }
        func system(_ variant: String?) -> String? {
            guard let definition else { return nil }
            return variant.flatMap { name in definition.variants.first { $0.name == name }?.system } ?? definition.system
        }
        guard labels.count > 1 else {
            let only = labels.first ?? Labels()
            return [ScorecardSuite(
                name: suite, suite: suite, systemPrompt: system(only.variant), model: only.model, variant: only.variant,
                results: results)]
        }
        return labels.map { key in
            let tag = [key.model ?? "unspecified"] + (key.variant.map { [$0] } ?? [])
            return ScorecardSuite(
                name: "\(suite) [\(tag.joined(separator: ", "))]", suite: suite, systemPrompt: system(key.variant),
                model: key.model, variant: key.variant, results: resultsByLabels[key] ?? [])
        }
    }

    var tally: Tally { Tally(results.map(\.verdict.outcome)) }

    /// Time spent grading this testsuite's samples, in seconds.
    var duration: Double { results.reduce(0) { $0 + $1.duration } }
}
