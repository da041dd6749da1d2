import ProctorCore

extension PythonSandbox {
    /// Runs `program`, then each top-level statement of `tests` in the program's namespace, and decides the
    /// outcome from the runner's private report alone (exit status and output never make a pass).
    ///
    /// With `lint`, a program that reads names it never binds is reported as ``PythonTestOutcome/lint(_:)``
    /// without running. Throws `BadInput` when `tests` do not compile: that is the suite's fault, not the model's.
    public func runTests(
        program: String, tests: String, stdin: String = "", limits: PythonLimits = PythonLimits(), lint: Bool = false
    ) async throws -> PythonTestRun {
        try await runTests(mode: "tests", program: program, tests: tests, stdin: stdin, limits: limits, lint: lint)
    }

    /// Throws `BadInput` when `tests` do not compile; runs nothing of them (a warm worker compiles them without
    /// forking, and keeps them compiled for the samples to come).
    public func checkTests(_ tests: String) async throws {
        _ = try await runTests(mode: "compile", program: "", tests: tests, stdin: "", limits: PythonLimits(), lint: false)
    }

    private func runTests(
        mode: String, program: String, tests: String, stdin: String, limits: PythonLimits, lint: Bool
    ) async throws -> PythonTestRun {
        let nonce = (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
        let (outcome, namespaces) = try await execute(limits: limits) { worker in
            try worker.serve(
                mode: mode, nonce: nonce, program: program, tests: tests, stdin: stdin, limits: limits, lint: lint)
        } cold: { plan in
            try SandboxRun(plan: plan, limits: limits).execute(
                files: [("program.py", program), ("tests.py", tests)], stdin: stdin,
                python: ["-c", TestRunnerScript.source] + (lint ? ["lint"] : []),
                channel: .init(secret: Array("\(nonce)\n".utf8)))
        }
        let execution = Self.execution(outcome, limits: limits, namespaces: namespaces)
        let report = RunnerReport(channel: outcome.channel.text, nonce: nonce)
        let result = try Self.testOutcome(report: report, harnessLimit: outcome.exceeded, execution: execution, limits: limits)
        return PythonTestRun(outcome: result, execution: execution)
    }

    static func testOutcome(
        report: RunnerReport, harnessLimit: PythonLimit?, execution: PythonExecution, limits: PythonLimits
    ) throws -> PythonTestOutcome {
        if let harnessLimit { return outcome(for: harnessLimit) }
        guard let final = report.final else {
            if let limit = execution.exceeded { return outcome(for: limit) }
            if report.saw("program-done") { return .crashed("the process ended while the tests ran (\(describe(execution.status)))") }
            if report.saw("ready") { return .exitedBeforeTests }
            let lastLine = execution.stderr.split(separator: "\n").last.map(String.init) ?? describe(execution.status)
            return .crashed("the test runner did not start: \(lastLine)")
        }
        let fields = final.fields + ["", ""]
        switch final.kind {
        case "passed":
            return execution.status == .exited(0)
                ? .passed : .crashed("the process ended badly after the tests (\(describe(execution.status)))")
        case "failed":
            if let limit = limit(forException: fields[1], limits: limits) { return .limit(limit) }
            return .failed(line: fields[0], exception: fields[1])
        case "crashed":
            if let limit = limit(forException: fields[0], limits: limits) { return .limit(limit) }
            return .crashed("the program raised \(fields[0])" + (fields[1].isEmpty ? "" : " (\(fields[1]))"))
        case "exited":
            return .exitedBeforeTests
        case "lint":
            return .lint(fields[0])
        default:
            throw BadInput(.error("the case's tests do not compile: \(fields[0])"))
        }
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
