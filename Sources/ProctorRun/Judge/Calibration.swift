import Foundation
import ProctorCore

/// `proctor calibrate`: grades labelled explanations with the whole explain check and with the judge alone, and
/// measures both against the labels, per suite and overall.
public struct Calibration: Sendable {
    public var registry: PatternRegistry

    public init(registry: PatternRegistry = .shipped) {
        self.registry = registry
    }

    /// One labelled explanation.
    struct Label: Sendable {
        var suite: Suite
        var testCase: Case
        var criteria: JudgeCriteria
        var response: String
        var passes: Bool
    }

    /// Grades every label of `labels` (JSON Lines `{"suite", "case", "response", "verdict"}`) against the cases of
    /// the suites at `suitePaths`, `jobs` at once. Labels that name no explain case with `judge:` criteria, or lack
    /// a field, are bad input naming their line.
    public func run(
        labels file: URL, displayPath: String, suitePaths: [String], judge: any Judge, jobs: Int, at date: Date = Date()
    ) async throws -> CalibrationReport {
        let suites = try registry.suiteLoader.load(paths: suitePaths)
        let labels = try Self.read(file, displayPath: displayPath, suites: suites)
        try await judge.start(suites)
        let grader = ExplainGrader(judge: judge)
        let verdicts = try await BoundedMap.map(labels, width: jobs) { label -> (Bool, JudgeOutcome) in
            // The whole check as a run decides it: the judge decides here, whatever `min_kappa` says.
            var decided = label.testCase
            var criteria = label.criteria
            criteria.minKappa = nil
            decided.check = ExplainCheck.replacing(judge: criteria, in: label.testCase.check)
            let check = try await grader.prepare(decided, of: label.suite).grade(label.response)
            let alone = try await JudgeOutcome.ask(
                judge, criteria: label.criteria, response: label.response, suite: label.suite.name,
                caseID: label.testCase.id, location: label.testCase.location)
            return (check.outcome == .pass, alone)
        }
        try await judge.finish()
        var bySuite: [String: SuiteAgreement] = [:]
        var overall = SuiteAgreement(suite: nil)
        for (label, (check, alone)) in zip(labels, verdicts) {
            bySuite[label.suite.name, default: SuiteAgreement(suite: label.suite.name)].add(label.passes, check, alone)
            overall.add(label.passes, check, alone)
        }
        var report = CalibrationReport(
            judge: judge.identity, suites: suites.compactMap { bySuite[$0.name] }, overall: overall, calibratedAt: date)
        report.fingerprints = Dictionary(
            suites.map { ($0.name, JudgeCalibrations.fingerprint(of: $0)) }, uniquingKeysWith: { first, _ in first })
        return report
    }

    /// The labels of `file`, each matched to its case.
    static func read(_ file: URL, displayPath: String, suites: [Suite]) throws -> [Label] {
        let data: Data
        do {
            data = try FileContents.read(file)
        } catch {
            throw BadInput(.error("cannot read the labels: \(error.localizedDescription)", at: SourceLocation(file: displayPath)))
        }
        var labels: [Label] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: (line: Int, passes: Bool)] = [:]
        for (number, line) in JSONLines.lines(of: data) {
            let location = SourceLocation(file: displayPath, line: number)
            guard let fields = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
                diagnostics.append(.error("not a JSON object", at: location,
                                          hint: "one label per line: {\"suite\": ..., \"case\": ..., \"response\": ..., \"verdict\": \"pass\"}"))
                continue
            }
            guard let suiteName = fields["suite"] as? String, let caseID = fields["case"] as? String,
                let response = fields["response"] as? String, let verdict = fields["verdict"] as? String
            else {
                diagnostics.append(.error("a label needs the strings \"suite\", \"case\", \"response\" and \"verdict\"", at: location))
                continue
            }
            guard verdict == "pass" || verdict == "fail" else {
                diagnostics.append(.error("\"verdict\" must be \"pass\" or \"fail\", not '\(verdict)'", at: location))
                continue
            }
            guard let suite = suites.first(where: { $0.name == suiteName }),
                let testCase = suite.cases.first(where: { $0.id == caseID })
            else {
                diagnostics.append(.error("no case \(suiteName)/\(caseID) in the selected suites", at: location))
                continue
            }
            guard let criteria = testCase.judge else {
                diagnostics.append(.error(
                    "\(suiteName)/\(caseID) has no `judge:` criteria to calibrate", at: location,
                    hint: "label only explain cases with `judge:`"))
                continue
            }
            let key = "\(suiteName)\u{0}\(caseID)\u{0}\(response)"
            if let earlier = seen[key] {
                diagnostics.append(.error(
                    earlier.passes == (verdict == "pass")
                        ? "the same response of \(suiteName)/\(caseID) is labelled again (also on line \(earlier.line))"
                        : "this label contradicts line \(earlier.line): the same response of \(suiteName)/\(caseID) labelled both ways",
                    at: location, hint: "keep one label per response: a repeated one would count twice in the kappa"))
                continue
            }
            seen[key] = (number, verdict == "pass")
            labels.append(Label(suite: suite, testCase: testCase, criteria: criteria, response: response, passes: verdict == "pass"))
        }
        if !diagnostics.isEmpty {
            throw BadInput(diagnostics)
        }
        if labels.isEmpty { throw BadInput(.error("no labels to calibrate with", at: SourceLocation(file: displayPath))) }
        return labels
    }
}

/// The agreement with the labels of one suite (or of all, `suite` nil): the whole explain check's, and the judge's
/// alone.
public struct SuiteAgreement: Sendable, Hashable, Codable {
    public var suite: String?
    public var check = Agreement()
    public var judge = Agreement()
    /// Labels the judge gave no usable answer for (counted as not passing).
    public var judgeErrors = 0

    public init(suite: String?) {
        self.suite = suite
    }

    mutating func add(_ label: Bool, _ checked: Bool, _ alone: JudgeOutcome) {
        check.add(label: label, verdict: checked)
        judge.add(label: label, verdict: alone.outcome == .pass)
        if alone.outcome == .error { judgeErrors += 1 }
    }

    enum CodingKeys: String, CodingKey {
        case suite, check, judge
        case judgeErrors = "judge_errors"
    }
}

/// What `proctor calibrate` measured.
public struct CalibrationReport: Sendable, Hashable {
    public var judge: JudgeIdentity
    public var suites: [SuiteAgreement]
    public var overall: SuiteAgreement
    public var calibratedAt: Date
    /// Each suite's ``JudgeCalibrations/fingerprint(of:)`` when measured.
    public var fingerprints: [String: String] = [:]

    /// The entries `fixtures/judge/calibration.json` keeps: the judge alone's kappa per suite.
    public var entries: [CalibrationStore.Entry] {
        suites.compactMap { agreement in
            agreement.suite.map {
                CalibrationStore.Entry(
                    suite: $0, judge: judge, kappa: agreement.judge.kappa, agreement: agreement.judge.agreement,
                    labels: agreement.judge.total, at: calibratedAt, fingerprint: fingerprints[$0])
            }
        }
    }
}
