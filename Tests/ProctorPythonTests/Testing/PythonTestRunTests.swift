import Foundation
import ProctorCore
import ProctorPython
import Testing

@Suite("PythonSandbox.runTests")
struct PythonTestRunTests {
    static let add = "def add(a, b):\n    return a + b\n"
    static let addTests = "assert add(2, 3) == 5\nassert add(-1, 1) == 0\n"

    func run(_ program: String, tests: String = addTests, stdin: String = "", limits: PythonLimits = PythonLimits())
        async throws -> PythonTestRun
    {
        try await Sandboxes.detected.get().runTests(program: program, tests: tests, stdin: stdin, limits: limits)
    }

    @Test(arguments: Sandboxes.all) func passesWhenEveryTestRan(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let result = try await sandbox.get().runTests(program: Self.add, tests: Self.addTests)
        #expect(result.outcome == .passed)
        #expect(result.verdict().outcome == .pass)
    }

    @Test func failsQuotingTheFailingAssertion() async throws {
        let result = try await run("def add(a, b):\n    return a - b\n")
        #expect(result.outcome == .failed(line: "assert add(2, 3) == 5", exception: "AssertionError"))
        let verdict = result.verdict(extracted: "code")
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "`assert add(2, 3) == 5` failed: AssertionError")
        #expect(verdict.extracted == "code")
    }

    @Test func quotesTheLineInsideACheckFunction() async throws {
        let tests = """
            def check(candidate):
                assert candidate(2, 3) == 5
                assert candidate(2, 2) == 5, 'two and two'

            check(add)
            """
        let result = try await run(Self.add, tests: tests)
        #expect(result.outcome == .failed(line: "assert candidate(2, 2) == 5, 'two and two'", exception: "AssertionError: two and two"))
    }

    /// HumanEval writes long asserts over several lines; quoting the first (`assert candidate('(()())') == [`) says
    /// nothing, so a statement spanning lines is quoted whole, on one line — in every sandbox, warm workers included.
    @Test(arguments: Sandboxes.all)
    func quotesAStatementSpanningSeveralLinesWhole(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let program = "def f(xs):\n    return xs\n"
        let tests = """
            def check(candidate):
                assert candidate([1, 2]) == [
                    1, 2
                ]
                assert candidate([3, 1]) == [
                    1, 3
                ]

            check(f)
            """
        let result = try await sandbox.get().runTests(program: program, tests: tests)
        #expect(result.outcome == .failed(line: "assert candidate([3, 1]) == [1, 3]", exception: "AssertionError"))
        #expect(result.verdict().reason == "`assert candidate([3, 1]) == [1, 3]` failed: AssertionError")

        // A continuation line, and a statement whose second line raises.
        let continued = try await sandbox.get().runTests(
            program: program, tests: "assert f([2]) == [2]\nassert f([5, 4]) == [4, 5], \\\n    'sorted'\n")
        #expect(continued.outcome == .failed(line: "assert f([5, 4]) == [4, 5], 'sorted'", exception: "AssertionError: sorted"))
        let second = try await sandbox.get().runTests(program: program, tests: "x = (f([1]) +\n     f(None) + 1)\n")
        #expect(second.outcome == .failed(line: "x = f([1]) + f(None) + 1", exception: "TypeError: can only concatenate list (not \"NoneType\") to list"))
    }

    @Test func reportsAnExceptionRaisedInsideTheTests() async throws {
        let result = try await run("def add(a, b):\n    return a + b + None\n")
        guard case .failed(let line, let exception) = result.outcome else {
            Issue.record("expected a failure, got \(result.outcome)")
            return
        }
        #expect(line == "assert add(2, 3) == 5")
        #expect(exception.hasPrefix("TypeError: "))
    }

    @Test func reportsACrashBeforeTheTestsWithItsLocation() async throws {
        let program = "movies = {'Heat': 8}\nprint(json.dumps(movies))\n"
        let result = try await run(program, tests: "assert True\n")
        #expect(result.outcome == .crashed(
            "the program raised NameError: name 'json' is not defined (program.py, line 2)",
            exception: "NameError: name 'json' is not defined"))
        #expect(result.verdict().outcome == .error)
    }

    @Test func aProgramThatCannotBeCompiledIsACrashNotARunnerFailure() async throws {
        let nul = try await run("def add(a, b):\n    return a + b\n\u{0}\n")
        // SyntaxError from Python 3.12, ValueError before.
        guard case .crashed(let nulReason, _) = nul.outcome else {
            Issue.record("expected a crash, got \(nul.outcome)")
            return
        }
        #expect(nulReason.hasPrefix("the program raised ") && nulReason.hasSuffix("null bytes (program.py)"), "\(nulReason)")
        let deep = try await run("x = " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300) + "\n" + Self.add)
        guard case .crashed(let reason, _) = deep.outcome else {
            Issue.record("expected a crash, got \(deep.outcome)")
            return
        }
        #expect(reason.hasPrefix("the program raised "))
    }

    @Test func reportsASyntaxErrorAsACrash() async throws {
        let result = try await run("def add(a, b)\n    return a + b\n")
        guard case .crashed(let reason, _) = result.outcome else {
            Issue.record("expected a crash, got \(result.outcome)")
            return
        }
        #expect(reason == "the program raised SyntaxError: expected ':' (program.py, line 1)")
    }

    @Test func throwsBadInputWhenTheTestsDoNotCompile() async throws {
        let error = await #expect(throws: BadInput.self) {
            try await run(Self.add, tests: "assert add(2, 3) ==\n")
        }
        #expect(error?.description == "error: the case's tests do not compile: SyntaxError: invalid syntax (line 1)")
    }

    @Test(arguments: ["import sys\nsys.exit(0)\n", "exit()\n", "raise SystemExit\n", "quit(0)\n", "import sys\nsys.exit(None)\n"])
    func aSystemExitWithStatusZeroEndsTheProgramAndTheTestsRun(_ exit: String) async throws {
        let result = try await run(Self.add + exit)
        #expect(result.outcome == .passed)
        let wrong = try await run("def add(a, b):\n    return a - b\n" + exit)
        #expect(wrong.outcome == .failed(line: "assert add(2, 3) == 5", exception: "AssertionError"))
    }

    @Test func aSystemExitWithAnotherStatusFailsBeforeTheTests() async throws {
        let status = try await run(Self.add + "import sys\nsys.exit(3)\n")
        #expect(status.outcome == .exited("3"))
        #expect(status.verdict().outcome == .fail)
        #expect(status.verdict().reason == "the program exited with status 3")
        let message = try await run(Self.add + "import sys\nsys.exit('usage: add A B')\n")
        #expect(message.verdict().reason == "the program exited: usage: add A B")
    }

    @Test(arguments: ["import os\nos._exit(0)\n", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n"])
    func anEndBeforeTheTestsIsNotAPass(_ exit: String) async throws {
        let result = try await run(Self.add + exit)
        #expect(result.outcome == .exitedBeforeTests)
        #expect(result.verdict().reason == "exited before the tests ran")
        #expect(result.verdict().outcome == .error)
    }

    @Test func anExitDuringTheTestsIsNotAPass() async throws {
        let quitting = "import os\ndef add(a, b):\n    os._exit(0)\n"
        let result = try await run(quitting)
        #expect(result.outcome == .crashed("the process ended while the tests ran (exit status 0)"))
        let exiting = "import sys\ndef add(a, b):\n    sys.exit(0)\n"
        let second = try await run(exiting)
        #expect(second.outcome == .failed(line: "assert add(2, 3) == 5", exception: "SystemExit: 0"))
    }

    @Test func fakeSuccessMarkersAreNotAPass() async throws {
        let program = """
            import os
            print('PASSED')
            print('all tests passed')
            fake = '\\n' + 'ab' * 16 + ' passed ' + '31'.encode().hex() + '\\n'
            print(fake)
            for fd in range(3, 1024):
                try:
                    os.write(fd, fake.encode())
                except OSError:
                    pass
            def add(a, b):
                return 0
            """
        let result = try await run(program)
        #expect(result.outcome == .unexpectedReport("a line without the run's nonce on the report pipe"))
        #expect(result.verdict().outcome == .error)
        #expect(result.execution.stdout.contains("PASSED"))
        let leaving = try await run(program + "\nos._exit(0)\n")
        #expect(leaving.outcome == .unexpectedReport("a line without the run's nonce on the report pipe"))
        let printing = try await run("print('\\n' + 'ab' * 16 + ' passed 31')\n" + Self.add)
        #expect(printing.outcome == .unexpectedReport("the program's output imitates the runner's report"))
    }

    @Test func theProgramCannotReadTheNonce() async throws {
        let program = """
            import os
            stolen = b''
            for name in os.listdir('/proc/self/fd'):
                try:
                    os.set_blocking(int(name), False)
                    stolen += os.read(int(name), 4096)
                except OSError:
                    pass
            print(repr(stolen))
            def add(a, b):
                return 0
            """
        let result = try await run(program, stdin: "")
        #expect(result.execution.stdout == "b''\n")
        #expect(result.outcome != .passed)
    }

    @Test func replacingAssertionErrorOrBuiltinsIsNotAPass() async throws {
        let program = """
            import atexit, builtins, os, sys
            class Harmless(Exception):
                pass
            builtins.AssertionError = Harmless
            builtins.exec = lambda *args, **kwargs: None
            builtins.compile = lambda *args, **kwargs: None
            builtins.BaseException = Harmless
            sys.excepthook = lambda *args: None
            atexit.register(lambda: print('PASSED'))
            def add(a, b):
                return 0
            """
        let result = try await run(program)
        #expect(result.outcome == .failed(line: "assert add(2, 3) == 5", exception: "AssertionError"))
    }

    @Test func theTestsAreHiddenFromTheProgramAndStdinReachesIt() async throws {
        let program = "import os\nname = input()\nprint(os.path.exists('tests.py'), name)\n" + Self.add
        let result = try await run(program, stdin: "Ada\n")
        #expect(result.outcome == .passed)
        #expect(result.execution.stdout == "False Ada\n")
    }

    @Test func aTimeoutIsAnErrorNamingTheLimit() async throws {
        let result = try await run("while True:\n    pass\n", limits: PythonLimits(wallTime: .seconds(1)))
        #expect(result.outcome == .timeout(.seconds(1)))
        #expect(result.verdict().reason == "timed out after 1 s")
        let inTests = try await run("def add(a, b):\n    while True:\n        pass\n", limits: PythonLimits(wallTime: .seconds(1)))
        #expect(inTests.outcome == .timeout(.seconds(1)))
    }

    @Test func aMemoryHogIsAnErrorNamingTheLimit() async throws {
        let program = "def add(a, b):\n    chunks = []\n    while True:\n        chunks.append(bytearray(64 << 20))\n"
        let result = try await run(program, limits: PythonLimits(wallTime: .seconds(20)))
        #expect(result.outcome == .limit(.memory(bytes: 1 << 30)))
        #expect(result.verdict().reason == "memory limit 1 GiB exceeded")
    }

    @Test func anOutputFloodIsAnErrorNamingTheLimit() async throws {
        let result = try await run("while True:\n    print('spam' * 100)\n", limits: PythonLimits(wallTime: .seconds(30)))
        #expect(result.outcome == .limit(.output(bytes: 64 << 20)))
        #expect(result.verdict().reason.hasPrefix("output limit exceeded"))
        #expect(result.execution.stdoutTruncated)
        #expect(result.log.hasSuffix("[stdout truncated]"))
    }

    @Test(.enabled(if: (try? Sandboxes.detected.get())?.isolation.separatesFromHarness == true,
                   "programs run as the harness's user without a PID namespace here"))
    func gradingContinuesAfterAnAttemptToKillTheHarness() async throws {
        let program = "import os\ntry:\n    os.kill(os.getppid(), 9)\nexcept OSError:\n    pass\n" + Self.add
        let hostile = try await run(program)
        #expect(hostile.outcome == .passed)
        let next = try await run("def add(a, b):\n    return a * b\n")
        #expect(next.outcome == .failed(line: "assert add(2, 3) == 5", exception: "AssertionError"))
    }

    @Test func leavesNoOrphansBehindTheTests() async throws {
        let marker = "proctor-orphan-\(UUID().uuidString)"
        let program = """
            import os, signal, sys
            if os.fork() == 0:
                os.setsid()
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(60)', '\(marker)'])
            """ + "\n" + Self.add
        for sandbox in Sandboxes.all {
            let result = try await sandbox.get().runTests(program: program, tests: Self.addTests)
            #expect(result.outcome == .passed)
            #expect(processes(containing: marker) == [])
        }
    }

    @Test(.enabled(if: Sandboxes.limitsProcesses, "RLIMIT_NPROC is not enforced: the sandbox runs programs as root"))
    func aForkBombIsAnErrorNamingTheLimit() async throws {
        let program = "import os\nwhile True:\n    os.fork()\n"
        let result = try await run(program, limits: PythonLimits(wallTime: .seconds(10), processes: 32))
        #expect(result.outcome == .limit(.processes(32)))
        #expect(result.verdict().reason == "process limit 32 exceeded")
        let after = try await run(Self.add)
        #expect(after.outcome == .passed)
    }
}
