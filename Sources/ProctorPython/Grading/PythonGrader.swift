import Foundation
import ProctorCore

/// Grades `comments-to-code` and `completion` cases: runs the response's program and then the case's tests in
/// the sandbox, and checks what it printed.
public struct PythonGrader: Grader {
    public let sandbox: PythonSandbox
    /// Limits of every run; a case's `timeout` replaces the wall time.
    public let limits: PythonLimits
    let extractor = PythonExtractor()

    public init(sandbox: PythonSandbox, limits: PythonLimits = PythonLimits()) {
        self.sandbox = sandbox
        self.limits = limits
    }

    /// Compiles the case's tests in the sandbox: a case whose tests do not compile is bad input; the plan (how many
    /// statements they have) is what every sample's report is checked against.
    public func prepare(_ testCase: Case, of suite: Suite) async throws -> any CaseGrader {
        guard let check = testCase.check as? PythonCheck else {
            throw BadInput(.error("case '\(testCase.id)' has no Python check", at: testCase.location))
        }
        var limits = limits
        limits.wallTime = testCase.timeout
        var expressions: [NSRegularExpression] = []
        for pattern in check.stdoutMatches {
            do {
                expressions.append(try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]))
            } catch {
                throw BadInput(.error("invalid regular expression in `stdout_matches`: \(pattern)", at: testCase.location))
            }
        }
        var plan = PythonTestPlan(statements: 0)
        if let tests = check.tests {
            do {
                plan = try await sandbox.checkTests(tests)
            } catch let error as BadInput {
                throw BadInput(error.diagnostics.map { .error("case '\(testCase.id)': \($0.message)", at: testCase.location) })
            }
        }
        return PythonCaseGrader(
            testCase: testCase, check: check, plan: plan, expressions: expressions, sandbox: sandbox, limits: limits,
            extractor: extractor)
    }
}

/// Grades responses to one prepared Python case.
struct PythonCaseGrader: CodeGrader {
    let testCase: Case
    let check: PythonCheck
    let plan: PythonTestPlan
    let expressions: [NSRegularExpression]
    let sandbox: PythonSandbox
    let limits: PythonLimits
    let extractor: PythonExtractor

    func grade(_ response: String) async throws -> Verdict {
        let extracted =
            if let entryPoint = check.entryPoint {
                extractor.completion(prompt: testCase.prompt, response: response, entryPoint: entryPoint)
            } else {
                extractor.program(from: response)
            }
        switch extracted {
        case .failure(let failure): return .error(failure.reason, details: VerdictDetails(kind: "no-code"))
        case .success(let program): return try await grade(code: program)
        }
    }

    /// Runs `program` as it is, then the case's tests, and checks what it printed.
    func grade(code program: String) async throws -> Verdict {
        let run = try await sandbox.runTests(
            program: program, tests: check.tests ?? "", plan: plan, stdin: check.stdin, limits: limits, lint: check.lint,
            asModule: check.judgedByTestsAlone)
        guard run.outcome == .passed else { return run.verdict(extracted: program) }
        let stdout = run.execution.stdout
        for text in check.stdoutContains where !stdout.contains(text) {
            return .fail("stdout lacks \(Self.quoted(text))", extracted: program, log: run.log,
                         details: VerdictDetails(kind: "wrong-output", expected: text, got: String(stdout.prefix(4000))))
        }
        for expression in expressions
        where expression.firstMatch(in: stdout, range: NSRange(stdout.startIndex..., in: stdout)) == nil {
            return .fail("stdout does not match /\(expression.pattern)/", extracted: program, log: run.log,
                         details: VerdictDetails(kind: "wrong-output", expected: "/\(expression.pattern)/", got: String(stdout.prefix(4000))))
        }
        let what = check.tests == nil ? "ran to the end" : "all tests passed"
        let printed = check.stdoutContains.isEmpty && check.stdoutMatches.isEmpty ? "" : ", stdout as expected"
        return .pass(what + printed, extracted: program, log: run.log, details: VerdictDetails(kind: "passed"))
    }

    /// A text for a one-line reason: quoted, newlines shown as `\n`, at most 80 characters.
    static func quoted(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "\\n")
        return "\"" + (flat.count > 80 ? flat.prefix(77) + "..." : flat) + "\""
    }
}
