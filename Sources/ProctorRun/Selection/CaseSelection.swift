import Foundation
import ProctorCore

/// Which of the loaded suites' cases a run grades (`--suite`, `--case`, `--tag`, `--pattern`, `--rerun-failed`).
///
/// Values of one criterion are alternatives (any of them selects a case); criteria combine (a case must meet
/// every one given). An empty selection selects every case.
public struct CaseSelection: Sendable, Hashable {
    /// Globs over suite names.
    public var suites: [String]
    /// Globs over case ids, or over `suite/case`.
    public var cases: [String]
    /// Tags, exactly as written in `tags:`.
    public var tags: [String]
    public var patterns: [Pattern]
    /// The cases that did not pass in an earlier run's results.
    public var failed: FailedCases?

    public init(
        suites: [String] = [], cases: [String] = [], tags: [String] = [], patterns: [Pattern] = [],
        failed: FailedCases? = nil
    ) {
        self.suites = suites
        self.cases = cases
        self.tags = tags
        self.patterns = patterns
        self.failed = failed
    }

    /// Whether it selects every case.
    public var isEmpty: Bool {
        suites.isEmpty && cases.isEmpty && tags.isEmpty && patterns.isEmpty && failed == nil
    }

    /// The flags that make it, as a user would write them: `--suite school --tag joins`.
    public var description: String {
        (suites.map { "--suite \($0)" } + cases.map { "--case \($0)" } + tags.map { "--tag \($0)" }
            + patterns.map { "--pattern \($0.rawValue)" } + (failed.map { ["--rerun-failed \($0.path)"] } ?? []))
            .joined(separator: " ")
    }

    /// Whether `testCase` of `suite` is selected.
    public func selects(_ testCase: Case, of suite: Suite) -> Bool {
        (suites.isEmpty || suites.contains { Glob.matches($0, suite.name) })
            && (cases.isEmpty || cases.contains { Glob.matches($0, testCase.id) || Glob.matches($0, "\(suite.name)/\(testCase.id)") })
            && (tags.isEmpty || tags.contains { testCase.tags.contains($0) })
            && (patterns.isEmpty || patterns.contains(testCase.pattern))
            && (failed.map { $0.cases.contains(CaseKey(suite: suite.name, caseID: testCase.id)) } ?? true)
    }

    /// The selected part of `loaded`: each suite with its selected cases, suites without any left out.
    ///
    /// Throws `BadInput` when it selects no case, naming each criterion that matches nothing on its own.
    public func apply(to loaded: [Suite]) throws -> SelectedSuites {
        var suites: [Suite] = []
        var leftOut = Set<CaseKey>()
        for suite in loaded {
            var kept = suite
            kept.cases = suite.cases.filter { selects($0, of: suite) }
            for testCase in suite.cases where !kept.cases.contains(where: { $0.id == testCase.id }) {
                leftOut.insert(CaseKey(suite: suite.name, caseID: testCase.id))
            }
            if !kept.cases.isEmpty { suites.append(kept) }
        }
        let total = loaded.reduce(0) { $0 + $1.cases.count }
        let selected = SelectedSuites(
            suites: suites, leftOut: leftOut, selection: self, loadedCases: total, loadedSuites: loaded.count)
        if suites.isEmpty { throw BadInput(emptyDiagnostics(loaded)) }
        return selected
    }

    /// Why nothing was selected: every criterion that matches nothing alone, else that they exclude each other.
    private func emptyDiagnostics(_ loaded: [Suite]) -> [Diagnostic] {
        let all = loaded.flatMap { suite in suite.cases.map { (suite, $0) } }
        var diagnostics: [Diagnostic] = []
        for glob in suites where !loaded.contains(where: { Glob.matches(glob, $0.name) }) {
            diagnostics.append(.error("--suite \(glob) matches no suite", hint: "the suites: \(Self.list(loaded.map(\.name)))"))
        }
        for glob in cases where !all.contains(where: { Glob.matches(glob, $1.id) || Glob.matches(glob, "\($0.name)/\($1.id)") }) {
            diagnostics.append(.error("--case \(glob) matches no case id (nor suite/case)",
                                      hint: "e.g. --case cs-students, --case 'school/*', --case 'HumanEval/1?'"))
        }
        let known = all.reduce(into: [String]()) { tags, pair in
            for tag in pair.1.tags where !tags.contains(tag) { tags.append(tag) }
        }
        for tag in tags where !known.contains(tag) {
            diagnostics.append(.error("--tag \(tag) is the tag of no case",
                                      hint: known.isEmpty ? "no case has `tags:`" : "the tags: \(Self.list(known))"))
        }
        for pattern in patterns where !all.contains(where: { $1.pattern == pattern }) {
            diagnostics.append(.error("--pattern \(pattern.rawValue) is the pattern of no case"))
        }
        if let failed, !all.contains(where: { failed.cases.contains(CaseKey(suite: $0.name, caseID: $1.id)) }) {
            diagnostics.append(failed.cases.isEmpty
                ? .error("every sample passed there: nothing to rerun", at: SourceLocation(file: failed.path))
                : .error("none of the \(failed.cases.count) case(s) that did not pass there is a case of the loaded suites (they are of "
                            + Self.list(Array(Set(failed.cases.map(\.suite))).sorted()) + ")",
                         at: SourceLocation(file: failed.path),
                         hint: "rerun with the suites that run graded"))
        }
        let names = loaded.map(\.name).joined(separator: ", ")
        diagnostics.append(.error(
            "nothing selected: \(description) selects none of the \(all.count) case(s) of suite(s) \(names)",
            hint: diagnostics.isEmpty ? "each criterion matches some case, but no case meets them all" : nil))
        return diagnostics
    }

    private static func list(_ names: [String]) -> String {
        names.prefix(20).joined(separator: ", ") + (names.count > 20 ? " and \(names.count - 20) more" : "")
    }
}

/// The suites a selection keeps, and what it left out.
public struct SelectedSuites: Sendable {
    /// The suites with a selected case, each with only its selected cases.
    public var suites: [Suite]
    /// The loaded cases the selection left out.
    public var leftOut: Set<CaseKey>
    public var selection: CaseSelection
    public var loadedCases: Int
    public var loadedSuites: Int

    /// Cases selected.
    public var selectedCases: Int { suites.reduce(0) { $0 + $1.cases.count } }

    /// Whether the selection left out any case.
    public var isSubset: Bool { !leftOut.isEmpty }

    /// `--tag joins: 5 of 63 cases (2 of 7 suites)`, or nil when every case is selected.
    public var summary: String? {
        guard isSubset else { return nil }
        return "\(selection.description): \(selectedCases) of \(loadedCases) cases (\(suites.count) of \(loadedSuites) suites)"
    }
}
