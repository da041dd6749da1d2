import Foundation
import ProctorCore

/// Per model and variant: pass rate, tokens, cost, the model call's latency and, where cases have several
/// samples, the mean pass@k and pass^k.
struct ModelTable {
    var results: [GradedSample]

    func render() -> String {
        var order: [String] = []
        var groups: [String: [GradedSample]] = [:]
        for result in results {
            let group = result.sample.key.modelGroup
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(result)
        }
        let repeated = !PassAtK.byCase(results).isEmpty
        var html = "<h2 id=\"models\">Models</h2>\n<div class=\"wide\"><table><tr><th>model, variant</th><th>pass rate</th>"
            + "<th>tokens (prompt + completion)</th><th>cost</th><th>model call latency</th>"
            + (repeated ? "<th>pass@k</th><th>pass^k</th>" : "") + "</tr>\n"
        for group in order {
            let rows = groups[group] ?? []
            let tally = Tally(rows.map(\.verdict.outcome))
            let usages = rows.compactMap(\.sample.usage)
            let total = Usage.total(usages)
            let tokens = total.map { "\($0.promptTokens) + \($0.completionTokens)" } ?? "—"
            let cost = total?.cost.map { String(format: "$%.4f", $0) } ?? "—"
            html += "<tr><td>\(HTMLRenderer.escape(group))</td>"
                + "<td class=\"rate\">\(HTMLRenderer.percent(tally.passRate)) <span class=\"muted\">\(tally.passed)/\(tally.total)</span></td>"
                + "<td class=\"rate\">\(tokens)</td><td class=\"rate\">\(cost)</td><td class=\"rate\">\(Self.latency(usages))</td>"
            if repeated {
                html += "<td>\(Self.byK(PassAtK.byCase(rows), "pass@"))</td>"
                    + "<td>\(Self.byK(PassAtK.allPassByCase(rows), "pass^"))</td>"
            }
            html += "</tr>\n"
        }
        html += "</table></div>\n<p class=\"muted\">Latency: the recorded model call per answer (the sum over a repair "
            + "loop's rounds), mean · median · slowest; — where answers were not recorded from a model."
            + (repeated ? " pass@k and pass^k: means over the cases with several samples (with at least k of them)." : "") + "</p>\n"
        return html
    }

    /// `mean 412 ms · median 398 ms · max 1.2 s (n 12)`, or — when no answer has a latency.
    static func latency(_ usages: [Usage]) -> String {
        let values = usages.compactMap(\.latencyMilliseconds).sorted()
        guard !values.isEmpty else { return "—" }
        let mean = values.reduce(0, +) / Double(values.count)
        let median = values.count % 2 == 1 ? values[values.count / 2]
            : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
        return "\(duration(mean)) · \(duration(median)) · \(duration(values[values.count - 1])) "
            + "<span class=\"muted\">(\(values.count))</span>"
    }

    static func duration(_ milliseconds: Double) -> String {
        milliseconds < 1000 ? String(format: "%.0f ms", milliseconds) : String(format: "%.2f s", milliseconds / 1000)
    }

    /// `pass@1 0.509 · pass@2 0.667 (6)`: for each k, the mean over the cases with at least k samples, with their
    /// count when it is not every case with several samples.
    static func byK(_ estimates: [CaseSamples: [Int: Double]], _ name: String) -> String {
        guard !estimates.isEmpty else { return "—" }
        let ks = Set(estimates.values.flatMap(\.keys)).sorted()
        return ks.map { k in
            let values = estimates.values.compactMap { $0[k] }
            let mean = values.reduce(0, +) / Double(values.count)
            return "\(name)\(k)&nbsp;" + String(format: "%.3f", mean)
                + (values.count < estimates.count ? " <span class=\"muted\">(\(values.count) cases)</span>" : "")
        }.joined(separator: " · ")
    }
}
