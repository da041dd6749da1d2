import Foundation
import ProctorCore
import ProctorPython
import ProctorSQL

/// Grades `edit` and `debug` answers: applies the edit, grades the edited code with the language's grader, and
/// checks the definitions that must stay unchanged.
struct EditGrader: Grader {
    /// The run's Python sandbox; nil when it could not start (then a Python case is a problem of the machine).
    let sandbox: PythonSandbox?

    func prepare(_ testCase: Case, of suite: Suite) async throws -> any CaseGrader {
        guard let check = testCase.check as? EditCheck else {
            throw BadInput(.error("case '\(testCase.id)' is not an edit or debug case", at: testCase.location))
        }
        var inner = testCase
        let grader: any Grader
        switch check.language {
        case .python:
            inner.pattern = .commentsToCode
            inner.check = check.python ?? PythonCheck()
            guard let sandbox else {
                throw BadInput(.error("case '\(testCase.id)' needs the Python sandbox, which did not start", at: testCase.location,
                                      hint: "install python3 (see README)"))
            }
            grader = PythonGrader(sandbox: sandbox)
        case .sql:
            inner.pattern = .sql
            inner.check = check.sql ?? SQLCheck(databases: [], gold: "")
            grader = SQLGrader()
        }
        guard let prepared = try await grader.prepare(inner, of: suite) as? any CodeGrader else {
            throw BadInput(.error("case '\(testCase.id)': its language's grader cannot grade code as it is", at: testCase.location))
        }
        var originallyFailing: String?
        if check.debug {
            let original = try await prepared.grade(code: check.code)
            guard original.outcome != .pass else {
                throw BadInput(.error(
                    "debug case '\(testCase.id)': its code passes its tests, so there is nothing to debug",
                    at: testCase.location, hint: "give the code with its bug, or tests that catch it"))
            }
            originallyFailing = original.details.statement
        }
        return EditCaseGrader(
            check: check, inner: prepared, originallyFailing: originallyFailing, sandbox: check.unchanged.isEmpty ? nil : sandbox)
    }
}

/// Grades answers to one prepared edit or debug case.
struct EditCaseGrader: CaseGrader {
    let check: EditCheck
    let inner: any CodeGrader
    /// The test statement the original code fails (debug), when it is one statement.
    let originallyFailing: String?
    /// Where the AST comparison of `unchanged` definitions runs.
    let sandbox: PythonSandbox?

    func grade(_ response: String) async throws -> Verdict {
        let applied: EditApplier.Applied
        switch EditApplier(language: check.language).apply(response, to: check.code) {
        case .failure(let malformed):
            return .error(
                malformed.reason, log: "the code:\n" + check.code,
                details: VerdictDetails(kind: "malformed-edit", expected: check.code, got: malformed.expected, editApplied: false))
        case .success(let edit): applied = edit
        }
        // The edited code is graded as it is: never put back into a fence and looked for again.
        var verdict = try await inner.grade(code: applied.code)
        verdict.extracted = applied.code
        verdict.details.editApplied = true
        if verdict.outcome == .pass, let sandbox, !check.unchanged.isEmpty {
            let changed = try await UnchangedDefinitions.changed(check.unchanged, from: check.code, to: applied.code, in: sandbox)
            if !changed.isEmpty {
                verdict = .fail(
                    "changed what must stay as it is: \(changed.joined(separator: ", "))", extracted: applied.code,
                    log: verdict.log, details: VerdictDetails(kind: "changed-unchanged", got: changed.joined(separator: "\n"), editApplied: true))
            }
        }
        if check.debug { verdict.reason = debugReason(verdict) }
        return verdict
    }

    /// Whether the test that failed before passes now, and whether the others still do.
    private func debugReason(_ verdict: Verdict) -> String {
        guard let originallyFailing else { return verdict.reason }
        switch verdict.outcome {
        case .pass:
            return "the failing test `\(originallyFailing)` passes now, and so do the others"
        case .fail where verdict.details.statement == originallyFailing:
            return "the failing test still fails: \(verdict.reason)"
        case .fail where verdict.details.statement != nil:
            return "the failing test `\(originallyFailing)` passes now, but another breaks: \(verdict.reason)"
        default:
            return verdict.reason
        }
    }
}
