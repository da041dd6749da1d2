import Foundation
import ProctorCore

/// Renders a run as a JUnit XML scorecard that validates against the Jenkins xUnit `junit-10.xsd`.
///
/// One `<testsuite>` per suite (per suite and model when a suite's samples come from several models), one
/// `<testcase>` per graded sample. Characters XML 1.0 forbids are dropped from all text.
public struct JUnitRenderer: ReportRenderer {
    /// The `hostname` written on each testsuite; `nil` leaves the attribute out.
    public var hostname: String?

    public init(hostname: String? = ProcessInfo.processInfo.hostName) {
        self.hostname = hostname
    }

    public func render(_ report: RunReport) throws -> Data {
        try LibXML.capturingErrors { errors in
            let writer = try XMLWriter(errors: errors)
            try writer.startDocument()
            try write(report, to: writer)
            return try writer.finish()
        }
    }

    private func write(_ report: RunReport, to writer: XMLWriter) throws {
        let tally = report.tally
        let timestamp = report.startedAt.formatted(.iso8601)
        try writer.element("testsuites", [
            "name": "proctor",
            "tests": String(tally.total),
            "failures": String(tally.failed),
            "errors": String(tally.errors),
            "time": Self.seconds(report.duration),
        ]) {
            let names = TestcaseNames(report)
            for (index, suite) in ScorecardSuite.partition(report).enumerated() {
                try write(suite, id: index, timestamp: timestamp, runID: report.runID,
                          runProperties: report.properties, names: names, to: writer)
            }
        }
    }

    private func write(
        _ suite: ScorecardSuite, id: Int, timestamp: String, runID: String, runProperties: [String: String],
        names: TestcaseNames, to writer: XMLWriter
    ) throws {
        let tally = suite.tally
        try writer.startElement("testsuite")
        try writer.attribute("name", suite.name)
        try writer.attribute("tests", String(tally.total))
        try writer.attribute("failures", String(tally.failed))
        try writer.attribute("errors", String(tally.errors))
        try writer.attribute("skipped", "0")
        try writer.attribute("time", Self.seconds(suite.duration))
        try writer.attribute("timestamp", timestamp)
        if let hostname { try writer.attribute("hostname", hostname) }
        try writer.attribute("id", String(id))
        try writer.element("properties") {
            var properties = [
                ("model", suite.model ?? "unspecified"),
                ("system_prompt_sha256", suite.systemPrompt.map(SHA256.hex) ?? "none"),
                ("pass_rate", FixedPoint.format(tally.passRate, decimals: 3)),
                ("run_id", runID),
                ("passed", String(tally.passed)),
                ("failed", String(tally.failed)),
                ("errors", String(tally.errors)),
            ]
            if let variant = suite.variant { properties.append(("variant", variant)) }
            if let usage = Usage.total(suite.results.compactMap(\.sample.usage)) {
                properties += [("prompt_tokens", String(usage.promptTokens)), ("completion_tokens", String(usage.completionTokens))]
                if let cost = usage.cost { properties.append(("cost_usd", FixedPoint.format(cost, decimals: 10, trimmingZeros: true))) }
            }
            for (k, value) in PassAtK.mean(Array(PassAtK.byCase(suite.results).values)).sorted(by: { $0.key < $1.key }) {
                properties.append(("pass@\(k)", FixedPoint.format(value, decimals: 3)))
            }
            for (k, value) in PassAtK.mean(Array(PassAtK.allPassByCase(suite.results).values)).sorted(by: { $0.key < $1.key })
            where k > 1 {
                properties.append(("pass^\(k)", FixedPoint.format(value, decimals: 3)))
            }
            if let edits = EditTally.total(suite.results) {
                properties += [("edits_applied", String(edits.applied)), ("edits_asked", String(edits.asked)),
                               ("well_formed_edit_rate", FixedPoint.format(edits.rate, decimals: 3))]
            }
            if let repairs = RepairTally.total(suite.results) {
                properties += [("repair_samples", String(repairs.samples)),
                               ("first_round_passed", String(repairs.passedFirst)),
                               ("first_round_pass_rate", FixedPoint.format(repairs.firstRate, decimals: 3)),
                               ("final_passed", String(repairs.passedFinal)),
                               ("final_pass_rate", FixedPoint.format(repairs.finalRate, decimals: 3)),
                               ("repaired_samples", String(repairs.repaired))]
            }
            properties += runProperties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            for (name, value) in properties {
                try writer.element("property", ["name": name, "value": value])
            }
        }
        let byCase = Dictionary(grouping: suite.results) { CaseSamples($0.sample) }
        for result in suite.results {
            // A passing sample of a case whose samples disagree carries its siblings' failures as flaky ones.
            let siblings = result.verdict.outcome == .pass
                ? (byCase[CaseSamples(result.sample)] ?? []).filter { $0.verdict.outcome != .pass } : []
            try write(result, names: names, flaky: siblings, to: writer)
        }
        try writer.endElement()
    }

    private func write(_ result: GradedSample, names: TestcaseNames, flaky: [GradedSample], to writer: XMLWriter) throws {
        let verdict = result.verdict
        try writer.element("testcase", [
            "name": names.name(result.sample), "classname": names.classname(result.sample),
            "time": Self.seconds(result.duration),
        ]) {
            let extracted = "--- extracted code ---\n" + Self.section(verdict.extracted, else: "(no code extracted)")
            if verdict.outcome != .pass {
                let element = verdict.outcome == .fail ? "failure" : "error"
                try writer.element(element, ["type": verdict.outcome.rawValue, "message": verdict.reason]) {
                    try writer.text("\(verdict.reason)\n\n\(extracted)")
                }
            }
            for sibling in flaky {
                let element = sibling.verdict.outcome == .fail ? "flakyFailure" : "flakyError"
                try writer.element(element, [
                    "type": sibling.verdict.outcome.rawValue,
                    "message": "sample #\(sibling.sample.sampleID): \(sibling.verdict.reason)",
                ]) {}
            }
            try writer.element("system-out") {
                try writer.text(Self.capped(
                    "pattern: \(result.pattern.rawValue)\n"
                        + "--- response ---\n" + Self.section(result.sample.response, else: "(empty response)")
                        + extracted
                        + "--- log ---\n" + Self.section(verdict.log, else: "(empty log)")))
            }
        }
    }

    /// Most UTF-8 bytes of one testcase's `system-out`; results.jsonl keeps the whole text.
    public static let maxSystemOut = 64 << 10

    /// `text` when it fits ``maxSystemOut``, else its head and tail around a line saying how much was left out.
    static func capped(_ text: String) -> String {
        let bytes = text.utf8.count
        guard bytes > maxSystemOut else { return text }
        let keep = (maxSystemOut - 200) / 2
        let head = String(decoding: text.utf8.prefix(keep), as: UTF8.self)
        let tail = String(decoding: text.utf8.suffix(keep), as: UTF8.self)
        return head + "\n[… \(bytes - 2 * keep) bytes left out here; the whole text is in the results file …]\n" + tail
    }

    /// `text` ending in a newline, or `placeholder` when there is no text.
    private static func section(_ text: String?, else placeholder: String) -> String {
        guard let text, !text.isEmpty else { return placeholder + "\n" }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Seconds with three decimals and no exponent, as the schema's `SUREFIRE_TIME` requires.
    private static func seconds(_ value: Double) -> String {
        FixedPoint.format(value, decimals: 3)
    }
}
