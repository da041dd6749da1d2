import Foundation
import ProctorCore
import ProctorRun

/// Renders diagnostics and run summaries as plain lines on one output stream.
///
/// Writes with `write(2)`: a reader that went away (`proctor run | head -1`) costs the rest of the output, quietly,
/// never the run (SIGPIPE is ignored from start-up, see ``Proctor/main()``).
struct Console: Sendable {
    let descriptor: Int32

    static let standardOutput = Console(descriptor: STDOUT_FILENO)
    static let standardError = Console(descriptor: STDERR_FILENO)

    /// Whether the stream is a terminal.
    var isTerminal: Bool { isatty(descriptor) == 1 }

    /// Whether verdict labels are coloured: on a terminal, unless `NO_COLOR` is set (https://no-color.org).
    var colours: Bool {
        isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` as it is; on a closed pipe or any other write error the rest is dropped.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// Text from elsewhere (a model, a server, an input file), each line made safe (``UntrustedText``).
    func untrusted(_ text: String) {
        line(UntrustedText.lines(text))
    }

    func diagnostics(_ diagnostics: [Diagnostic]) {
        for line in Diagnostic.lines(diagnostics) { untrusted(line) }
    }

    /// One line per sample that did not pass; names and reasons made safe (``UntrustedText``).
    func failures(_ report: RunReport) {
        let samples = Dictionary(grouping: report.results) { CaseSamples($0.sample) }
        let colour = colours
        for result in report.results where result.verdict.outcome != .pass {
            let name = result.sample.key.label(showingSample: (samples[CaseSamples(result.sample)]?.count ?? 0) > 1)
            let label = result.verdict.outcome.rawValue.uppercased()
            let coloured = colour ? (result.verdict.outcome == .fail ? "\u{1B}[31m" : "\u{1B}[33m") + label + "\u{1B}[0m" : label
            line("\(coloured) \(UntrustedText.line(name)): \(UntrustedText.line(result.verdict.reason))")
        }
    }

    /// `wrote a, b and c`.
    func wrote(_ files: [String]) {
        guard let last = files.last else { return }
        line("wrote " + (files.count > 1 ? files.dropLast().joined(separator: ", ") + " and " + last : last))
    }

    /// Each gate's notes (made safe) and its summary line.
    func gates(_ results: [GateResult]) {
        for result in results {
            for note in result.notes { line(UntrustedText.line(note)) }
            line(result.summary)
        }
    }

    /// Pass counts per suite and overall.
    func summary(_ report: RunReport) {
        // One row per suite, or per suite, model and variant when its samples come from several (as summary.md).
        let bySuite = Dictionary(grouping: report.results, by: \.sample.suite)
        var rows: [(String, Tally)] = []
        for suite in report.suites {
            let results = bySuite[suite.name] ?? []
            var groups: [String] = []
            for result in results where !groups.contains(result.sample.key.modelGroup) { groups.append(result.sample.key.modelGroup) }
            for group in groups {
                let tally = Tally(results.filter { $0.sample.key.modelGroup == group }.map(\.verdict.outcome))
                rows.append((groups.count > 1 ? "\(suite.name) [\(group)]" : suite.name, tally))
            }
        }
        let width = max(5, rows.map(\.0.count).max() ?? 5)
        line("")
        for (name, tally) in rows { line(row(UntrustedText.line(name), tally, width: width)) }
        line(row("total", report.tally, width: width) + String(format: "   %.2f s", report.duration))
        if let means = PassAtK.meansText(report.results) { line("mean over cases with several samples: " + means) }
        let edits = EditTally.byGroup(report.results)
        if !edits.isEmpty {
            line("well-formed edits: " + edits.map { "\($0.group.map(UntrustedText.line) ?? "") \($0.text)" }.joined(separator: "; "))
        }
        if let model = report.properties["judge_model"] {
            line("judge: \(UntrustedText.line(model)) (\(report.properties["judge_settings"] ?? "")), kappa "
                 + UntrustedText.line(report.properties["judge_kappa"] ?? "unknown")
                 + (JudgeTally.of(report.results).map { "; " + $0.text } ?? "; not asked"))
        }
        let repairs = RepairTally.byGroup(report.results)
        if !repairs.isEmpty {
            line("repair loop: " + repairs.map { "\($0.group.map(UntrustedText.line) ?? "") \($0.text)" }.joined(separator: "; "))
        }
        tokens(report.results)
    }

    /// Tokens and cost: the total, then one line per model when several models answered and any has prices (a
    /// model without prices says so, and the total's cost covers the models with prices).
    private func tokens(_ results: [GradedSample]) {
        guard let tally = UsageTally(results) else { return }
        line("tokens: \(tally.total.promptTokens) prompt + \(tally.total.completionTokens) completion"
            + (tally.cost.map { String(format: "; cost $%.4f", $0) + (tally.partial ? " (models with prices only)" : "") } ?? ""))
        guard tally.showsModels else { return }
        for (model, usage) in tally.byModel {
            line("  \(UntrustedText.line(model)): \(usage.promptTokens) prompt + \(usage.completionTokens) completion; "
                + (usage.cost.map { String(format: "cost $%.4f", $0) } ?? "no prices"))
        }
    }

    private func row(_ name: String, _ tally: Tally, width: Int) -> String {
        let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
        return padded + String(format: "  %4d passed  %4d failed  %4d errors  %5.1f%%", tally.passed,
                               tally.failed, tally.errors, tally.passRate * 100)
    }
}
