import ProctorCore

extension PythonSandbox {
    /// Runs `program`, then each top-level statement of `tests` in a scope of the program's names, and decides the
    /// outcome from the runner's private report alone (exit status and output never make a pass).
    ///
    /// A pass needs one report per statement of `plan`, in order. With `lint`, a program that reads names it never
    /// binds is reported as ``PythonTestOutcome/lint(_:)`` without running. With `asModule`, the program is imported
    /// as the module `solution` instead of run as `__main__`, so its `if __name__ == "__main__":` block does not run.
    public func runTests(
        program: String, tests: String, plan: PythonTestPlan, stdin: String = "", limits: PythonLimits = PythonLimits(),
        lint: Bool = false, asModule: Bool = false
    ) async throws -> PythonTestRun {
        let nonce = Self.nonce()
        let module = asModule ? "solution" : "__main__"
        let (outcome, namespaces) = try await execute(limits: limits) { worker in
            try worker.serve(
                mode: "tests", nonce: nonce, program: program, tests: tests, stdin: stdin, limits: limits, lint: lint,
                module: module)
        } cold: { launch in
            try SandboxRun(plan: launch, limits: limits).execute(
                files: [("program.py", program), ("tests.py", tests)], stdin: stdin,
                python: ["-c", TestRunnerScript.source, lint ? "lint" : "tests", module],
                channel: .init(secret: Array("\(nonce)\n".utf8)))
        }
        let execution = Self.execution(outcome, limits: limits, namespaces: namespaces)
        let report = RunnerReport(channel: outcome.channel.text, nonce: nonce)
        let result = Self.testOutcome(
            report: report, plan: plan, harnessLimit: outcome.exceeded, execution: execution, limits: limits)
        return PythonTestRun(outcome: result, execution: execution)
    }

    /// Compiles `tests` first (``checkTests(_:)``), then runs them; throws `BadInput` when they do not compile.
    public func runTests(
        program: String, tests: String, stdin: String = "", limits: PythonLimits = PythonLimits(), lint: Bool = false,
        asModule: Bool = false
    ) async throws -> PythonTestRun {
        let plan = try await checkTests(tests)
        return try await runTests(
            program: program, tests: tests, plan: plan, stdin: stdin, limits: limits, lint: lint, asModule: asModule)
    }

    /// Compiles `tests` in the sandbox's interpreter, with no program loaded, and says how many statements they have.
    ///
    /// Throws `BadInput` when they do not compile: that is the suite's fault, not the model's. A warm worker
    /// compiles them without forking, and keeps them compiled for the samples to come.
    public func checkTests(_ tests: String) async throws -> PythonTestPlan {
        let nonce = Self.nonce()
        let limits = PythonLimits(wallTime: .seconds(30))
        let (outcome, _) = try await execute(limits: limits) { worker in
            try worker.serve(mode: "compile", nonce: nonce, program: "", tests: tests, stdin: "", limits: limits, lint: false)
        } cold: { launch in
            try SandboxRun(plan: launch, limits: limits).execute(
                files: [("program.py", ""), ("tests.py", tests)], stdin: "",
                python: ["-c", TestRunnerScript.source, "plan"], channel: .init(secret: Array("\(nonce)\n".utf8)))
        }
        let report = RunnerReport(channel: outcome.channel.text, nonce: nonce)
        guard report.violation == nil, let final = report.messages.last else {
            let lastLine = outcome.stderr.text.split(separator: "\n").last.map(String.init) ?? "no report"
            throw PythonSandboxError("cannot compile the tests in the sandbox: \(lastLine)")
        }
        switch final.kind {
        case .plan:
            guard let statements = Int(final.field(0)), statements >= 0 else {
                throw PythonSandboxError("the sandbox reported a malformed test plan")
            }
            return PythonTestPlan(statements: statements)
        case .invalidTests:
            throw BadInput(.error("the case's tests do not compile: \(final.field(0))"))
        default:
            throw PythonSandboxError("the sandbox answered \(final.kind.rawValue) when asked to compile the tests")
        }
    }

    /// 16 random bytes in hex: the secret that marks the runner's report lines.
    static func nonce() -> String {
        (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// The outcome the report proves: every step of the protocol in order, each statement of `plan` reported once.
    static func testOutcome(
        report: RunnerReport, plan: PythonTestPlan, harnessLimit: PythonLimit?, execution: PythonExecution,
        limits: PythonLimits
    ) -> PythonTestOutcome {
        if let harnessLimit { return outcome(for: harnessLimit) }
        if let violation = report.violation { return .unexpectedReport(violation) }
        if imitatesReport(execution.stdout, nonce: report.nonce) || imitatesReport(execution.stderr, nonce: report.nonce) {
            return .unexpectedReport("the program's output imitates the runner's report")
        }
        var ready = false
        var programDone = false
        var reported = 0
        var final: RunnerReport.Message?
        for message in report.messages {
            if final != nil { return .unexpectedReport("a report after the runner's last one") }
            switch message.kind {
            case .ready:
                guard !ready else { return .unexpectedReport("a second start") }
                ready = true
            case .programDone:
                guard ready, !programDone else { return .unexpectedReport("the program's end reported out of order") }
                programDone = true
            case .ok:
                guard programDone, reported < plan.statements, message.field(0) == String(reported + 1) else {
                    return .unexpectedReport("test statement \(message.field(0)) reported out of order")
                }
                reported += 1
            default:
                final = message
            }
        }
        guard let final else {
            if let limit = execution.exceeded { return outcome(for: limit) }
            if programDone { return .crashed("the process ended while the tests ran (\(describe(execution.status)))") }
            if ready { return .exitedBeforeTests }
            let lastLine = execution.stderr.split(separator: "\n").last.map(String.init) ?? describe(execution.status)
            return .crashed("the test runner did not start: \(lastLine)")
        }
        switch final.kind {
        case .tampered:
            return .tampered(final.field(0))
        case .passed:
            guard programDone, reported == plan.statements, final.field(0) == String(plan.statements) else {
                return .unexpectedReport("\(reported) of \(plan.statements) test statements reported, then a pass")
            }
            return execution.status == .exited(0)
                ? .passed : .crashed("the process ended badly after the tests (\(describe(execution.status)))")
        case .failed:
            guard programDone, reported < plan.statements, final.field(0) == String(reported + 1) else {
                return .unexpectedReport("a failure of test statement \(final.field(0)) out of order")
            }
            if let limit = limit(forException: final.field(2), limits: limits) { return .limit(limit) }
            return .failed(line: final.field(1), exception: final.field(2))
        case .crashed where !programDone:
            if let limit = limit(forException: final.field(0), limits: limits) { return .limit(limit) }
            return .crashed(
                "the program raised \(final.field(0))" + (final.field(1).isEmpty ? "" : " (\(final.field(1)))"),
                exception: final.field(0))
        case .exited where ready && !programDone:
            return .exited(final.field(0))
        case .lint where !ready:
            return .lint(final.field(0))
        default:
            return .unexpectedReport("\(final.kind.rawValue) at the wrong time")
        }
    }

    /// Whether `output` imitates the runner's report: it holds this run's nonce, or a whole line shaped like a
    /// final report (a 32-digit hex nonce, a final kind, exactly that kind's fields, each in hex).
    ///
    /// Lines that only look like `ready` or `ok` (a hash printed before a status word) are not counted: they
    /// could not make a pass, and ordinary programs print such lines.
    static func imitatesReport(_ output: String, nonce: String) -> Bool {
        guard output.utf8.count > 33 else { return false }
        if output.contains(nonce) { return true }
        for line in output.split(separator: "\n") where line.utf8.count > 33 {
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            guard words.count >= 2, words[0].utf8.count == 32,
                words[0].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
                let kind = RunnerMessage(rawValue: String(words[1])), kind.isFinal, words.count == 2 + kind.arity,
                words.dropFirst(2).allSatisfy({ RunnerReport.decodeHex($0) != nil })
            else { continue }
            return true
        }
        return false
    }

    static func outcome(for limit: PythonLimit) -> PythonTestOutcome {
        if case .wallTime(let duration) = limit { return .timeout(duration) }
        return .limit(limit)
    }

    static func describe(_ status: PythonExecution.Status) -> String {
        switch status {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}
