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
        let repeated = !Self.caseCounts(results).filter { $0.n > 1 }.isEmpty
        var html = "<h2 id=\"models\">Models</h2>\n<div class=\"wide\"><table><tr><th>model, variant</th><th>pass rate</th>"
            + "<th>tokens (prompt + completion)</th><th>cost</th><th>model call latency</th>"
            + (repeated ? "<th>pass@k</th><th>pass^k</th>" : "") + "</tr>\n"
        for group in order {
            let rows = groups[group] ?? []
            let tally = Tally(rows.map(\.verdict.outcome))
            let usages = rows.compactMap(\.sample.usage)
            let total = Usage.total(usages)
            let tokens = total.map { "\($0.promptTokens)&nbsp;+ \($0.completionTokens)" } ?? "—"
            let cost = total?.cost.map { String(format: "$%.4f", $0) } ?? "—"
            html += "<tr><td>\(HTMLRenderer.label(group))</td>"
                + "<td class=\"rate\">\(HTMLRenderer.percent(tally.passRate))&nbsp;<span class=\"muted\">\(tally.passed)/\(tally.total)</span></td>"
                + "<td class=\"rate\">\(tokens)</td><td class=\"rate\">\(cost)</td><td class=\"rate\">\(Self.latency(usages))</td>"
            if repeated {
                let counts = Self.caseCounts(rows).filter { $0.n > 1 }
                html += "<td>\(Self.byK(counts, "pass@", PassAtK.estimate))</td>"
                    + "<td>\(Self.byK(counts, "pass^", PassAtK.allPass))</td>"
            }
            html += "</tr>\n"
        }
        html += "</table></div>\n<p class=\"muted\">Latency: the recorded model call per answer (the sum over a repair "
            + "loop's rounds), mean · median · slowest; — where answers were not recorded from a model."
            + (repeated ? " pass@k (some one of k samples passes) and pass^k (all k pass): for k = "
                + Self.ks.map(String.init).joined(separator: ", ")
                + ", the mean over the cases with at least k samples of the unbiased estimate from each case's n samples "
                + "and c passed; only cases with several samples count, a k no case reaches is left out, and “(m of N cases)” "
                + "says when fewer than all N such cases have k samples." : "") + "</p>\n"
        return html
    }

    /// `mean 412 ms · median 398 ms · max 1.2 s (n 12)`, or — when no answer has a latency; no figure breaks
    /// across lines.
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
        milliseconds < 1000 ? String(format: "%.0f&nbsp;ms", milliseconds) : String(format: "%.2f&nbsp;s", milliseconds / 1000)
    }

    /// The k shown: fixed, so that columns of different runs and models compare.
    static let ks = [1, 2, 5, 10]

    /// Samples and passes of each case (suite, case, model, variant) of `rows`, in the order first seen.
    static func caseCounts(_ rows: [GradedSample]) -> [(n: Int, c: Int)] {
        var order: [CaseSamples] = []
        var counts: [CaseSamples: (n: Int, c: Int)] = [:]
        for row in rows {
            let key = CaseSamples(row.sample)
            if counts[key] == nil { order.append(key) }
            counts[key, default: (0, 0)].n += 1
            if row.verdict.outcome == .pass { counts[key, default: (0, 0)].c += 1 }
        }
        return order.compactMap { counts[$0] }
    }

    /// `pass@1 0.509 · pass@2 0.667 · pass@5 0.800 (6 of 16 cases)`: for each k of ``ks``, the mean of `estimator`
    /// over the cases with at least k samples, with their count when not every case has k; a k no case reaches is
    /// left out.
    static func byK(
        _ counts: [(n: Int, c: Int)], _ name: String, _ estimator: (_ samples: Int, _ passed: Int, _ k: Int) -> Double
    ) -> String {
        let shown = ks.compactMap { k -> String? in
            let values = counts.filter { $0.n >= k }.map { estimator($0.n, $0.c, k) }
            guard !values.isEmpty else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            return "<span class=\"nw\">\(name)\(k) " + String(format: "%.3f", mean)
                + (values.count < counts.count ? " <span class=\"muted\">(\(values.count) of \(counts.count) cases)</span>" : "")
                + "</span>"
        }
        return shown.isEmpty ? "—" : shown.joined(separator: " · ")
    }
}
