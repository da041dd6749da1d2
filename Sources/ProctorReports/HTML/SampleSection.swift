import Foundation
import ProctorCore

/// The samples of the HTML page: failures and errors first, listed at the top with jump links; each with its case's
/// prompt, what it was judged against, a line diff of expected and got, and long outputs tail first.
struct SampleSection {
    var report: RunReport

    /// Lines of a long output shown before the rest is unfolded: what fits a 320 px box.
    static let tailLines = 12
    /// Lines of expected and got compared line by line; longer texts are shown side by side undiffed.
    static let diffLimit = 400

    /// The results in the page's order: errors, then failures, then passes, each in run order.
    static func ordered(_ results: [GradedSample]) -> [(number: Int, result: GradedSample)] {
        let rank: [Verdict.Outcome: Int] = [.error: 0, .fail: 1, .pass: 2]
        return results.enumerated().map { ($0.offset, $0.element) }
            .sorted { (rank[$0.1.verdict.outcome] ?? 3, $0.0) < (rank[$1.1.verdict.outcome] ?? 3, $1.0) }
    }

    /// The anchor of the `number`th sample of the run.
    static func anchor(_ number: Int) -> String { "sample-\(number + 1)" }

    func render() -> String {
        let ordered = Self.ordered(report.results)
        let cases = Dictionary(report.suites.flatMap { suite in suite.cases.map { ("\(suite.name)\u{0}\($0.id)", $0) } },
                               uniquingKeysWith: { first, _ in first })
        var html = "<h2 id=\"samples\">Samples</h2>\n"
        let failing = ordered.filter { $0.result.verdict.outcome != .pass }
        if failing.isEmpty {
            html += "<p>Every sample passed.</p>\n"
        } else {
            html += "<p>\(failing.count) not passed, listed first:</p>\n<ol class=\"jump\">"
            for (number, result) in failing {
                let outcome = result.verdict.outcome.rawValue
                html += "<li><a href=\"#\(Self.anchor(number))\"><span class=\"\(outcome)\">\(outcome)</span> "
                    + "\(HTMLRenderer.escape(result.sample.key.label()))</a> "
                    + "<span class=\"muted\">\(HTMLRenderer.escape(Self.firstLine(result.verdict.reason, 140)))</span></li>"
            }
            html += "</ol>\n"
        }
        for (number, result) in ordered {
            html += sample(result, number: number, testCase: cases["\(result.sample.suite)\u{0}\(result.sample.caseID)"])
        }
        return html
    }

    private func sample(_ result: GradedSample, number: Int, testCase: Case?) -> String {
        let sample = result.sample
        let outcome = result.verdict.outcome.rawValue
        let passed = result.verdict.outcome == .pass
        var html = "<details class=\"sample\" id=\"\(Self.anchor(number))\"\(passed ? "" : " open")><summary>"
            + "<span class=\"badge \(outcome)\">\(outcome.uppercased())</span> \(HTMLRenderer.escape(sample.key.label()))"
            + " — \(HTMLRenderer.escape(result.verdict.reason))"
            + (result.rounds.count > 1 ? " <span class=\"muted\">(after \(result.rounds.count) rounds)</span>" : "")
            + (result.repairStopped.map { " <span class=\"muted\">(repair stopped: \(HTMLRenderer.escape($0)))</span>" } ?? "")
            + "</summary>\n"
        var facts = ["pattern \(result.pattern.rawValue)", "graded in " + String(format: "%.1f ms", result.duration * 1000)]
        if let usage = sample.usage {
            facts.append("\(usage.promptTokens) + \(usage.completionTokens) tokens")
            if let cost = usage.cost { facts.append(String(format: "$%.5f", cost)) }
            if let latency = usage.latencyMilliseconds { facts.append(String(format: "model call %.0f ms", latency)) }
        }
        html += "<p class=\"muted\">\(HTMLRenderer.escape(facts.joined(separator: " · ")))</p>\n"
        if let testCase {
            if let system = testCase.system { html += Self.block("System prompt", system, folded: true) }
            html += Self.block("Prompt", testCase.prompt)
            for reference in testCase.check.reference { html += Self.block(reference.title, reference.text) }
        }
        html += rounds(result)
        html += Self.block("Response" + (result.rounds.count > 1 ? " (round \(result.rounds.count))" : ""), sample.response)
        if let extracted = result.verdict.extracted { html += Self.block("Extracted code", extracted) }
        let details = result.verdict.details
        if let statement = details.statement { html += Self.block("Failing statement", statement) }
        if let exception = details.exception { html += Self.block("Exception", exception) }
        if !passed, let expected = details.expected, let got = details.got {
            html += Self.diff(expected: expected, got: got)
        } else {
            if let expected = details.expected { html += Self.block("Expected", expected) }
            if let got = details.got { html += Self.tail("Got", got) }
        }
        if let traceback = details.tracebackTail { html += Self.tail("Traceback (last lines)", traceback) }
        if !result.verdict.log.isEmpty { html += Self.tail("What the executor saw", result.verdict.log) }
        return html + "<p><a href=\"#samples\">↑ samples</a></p></details>\n"
    }

    /// The earlier rounds of a repaired sample: each answer, its verdict and the feedback it drew.
    private func rounds(_ result: GradedSample) -> String {
        guard result.rounds.count > 1 else { return "" }
        var html = "<p>Repair loop: " + result.rounds.map { "round \($0.round) \($0.verdict.outcome.rawValue)" }
            .joined(separator: " → ") + "</p>\n"
        for round in result.rounds.dropLast() {
            html += "<details><summary>Round \(round.round): \(round.verdict.outcome.rawValue) — "
                + "\(HTMLRenderer.escape(round.verdict.reason))</summary>\n"
            html += "<div>Answer</div><pre>\(HTMLRenderer.escape(round.response))</pre>\n"
            if let feedback = round.feedback { html += "<div>Feedback sent</div><pre>\(HTMLRenderer.escape(feedback))</pre>\n" }
            html += "</details>\n"
        }
        return html
    }

    /// A titled text; `folded` puts it in a closed `<details>`.
    static func block(_ title: String, _ text: String, folded: Bool = false) -> String {
        folded
            ? "<details class=\"part\"><summary>\(HTMLRenderer.escape(title))</summary><pre>\(HTMLRenderer.escape(text))</pre></details>\n"
            : "<div class=\"label\">\(HTMLRenderer.escape(title))</div><pre>\(HTMLRenderer.escape(text))</pre>\n"
    }

    /// A titled output whose end matters most: a long one shows its last lines, the whole text one click away.
    static func tail(_ title: String, _ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > tailLines else { return block(title, text) }
        let last = lines.suffix(tailLines).joined(separator: "\n")
        return "<div class=\"label\">\(HTMLRenderer.escape(title)): the last \(tailLines) of \(lines.count) lines</div>"
            + "<pre class=\"tail\">\(HTMLRenderer.escape(last))</pre>"
            + "<details class=\"part\"><summary>all \(lines.count) lines</summary><pre>\(HTMLRenderer.escape(text))</pre></details>\n"
    }

    /// Expected and got as one line diff: `−` only expected, `+` only got, unmarked in both; each line a block.
    static func diff(expected: String, got: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = got.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count <= diffLimit, b.count <= diffLimit else {
            return block("Expected", expected) + tail("Got", got)
        }
        var html = "<div class=\"label\">Expected (−) and got (+)</div><pre class=\"diff\">"
        for line in lineDiff(a, b) {
            switch line {
            case let .same(text): html += "<span>  \(HTMLRenderer.escape(text))</span>"
            case let .removed(text): html += "<del>− \(HTMLRenderer.escape(text))</del>"
            case let .added(text): html += "<ins>+ \(HTMLRenderer.escape(text))</ins>"
            }
        }
        return html + "</pre>\n"
    }

    enum DiffLine: Equatable {
        case same(String), removed(String), added(String)
    }

    /// A longest-common-subsequence line diff of `a` and `b`.
    static func lineDiff(_ a: [String], _ b: [String]) -> [DiffLine] {
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var (i, j) = (0, 0)
        var lines: [DiffLine] = []
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append(.same(a[i]))
                (i, j) = (i + 1, j + 1)
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                lines.append(.removed(a[i]))
                i += 1
            } else {
                lines.append(.added(b[j]))
                j += 1
            }
        }
        return lines
    }

    static func firstLine(_ text: String, _ limit: Int) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
