import Foundation
import ProctorRun
import ProctorCore
import ProctorPython
import Testing

/// The grader on a real sandbox (warm workers where bubblewrap allows them), through `prepare` and `grade`.
@Suite struct PythonGraderTests {
    func prepared(
        _ check: PythonCheck, pattern: Pattern = .commentsToCode, prompt: String = "Write the program.",
        timeout: Duration = .seconds(5)
    ) async throws -> any CaseGrader {
        let testCase = Case(
            id: "c", pattern: pattern, prompt: prompt, timeout: timeout, check: check,
            location: SourceLocation(file: "suite.yaml", line: 3))
        let suite = Suite(name: "s", file: URL(fileURLWithPath: "/suite.yaml"), cases: [testCase])
        return try await PythonGrader(sandbox: try Sandboxes.warm.get()).prepare(testCase, of: suite)
    }

    static let greeting = PythonCheck(stdin: "Ada\n", stdoutContains: ["Hello, Ada!"])

    @Test func feedsStdinAndChecksWhatThePrinted() async throws {
        let grader = try await prepared(Self.greeting)
        let right = try await grader.grade("```python\nname = input()\nprint(f'Hello, {name}!')\n```")
        #expect(right.outcome == .pass)
        #expect(right.reason == "ran to the end, stdout as expected")
        let wrong = try await grader.grade("```python\nname = input()\nprint('Hello', name)\n```")
        #expect(wrong.outcome == .fail)
        #expect(wrong.reason == "stdout lacks \"Hello, Ada!\"")
        #expect(wrong.log.contains("Hello Ada"))
    }

    @Test(arguments: Sandboxes.all)
    func aProgramJudgedByTestsAloneIsImportedSoItsDemoBlockDoesNotRun(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let sandbox = try sandbox.get()
        let program = "def double(x):\n    return 2 * x\n\nif __name__ == '__main__':\n    print(double(int(input())))\n"
        let imported = try await sandbox.runTests(
            program: program, tests: "assert double(4) == 8\nimport sys\nassert sys.modules['__main__'].double is double\nassert __name__ == 'solution'",
            asModule: true)
        #expect(imported.outcome == .passed, "\(imported.execution.stderr)")
        let script = try await sandbox.runTests(program: program, tests: "assert double(4) == 8", stdin: "5\n")
        #expect(script.outcome == .passed)
        #expect(script.execution.stdout == "10\n", "a program whose input is part of the case runs as __main__")
        let unread = try await sandbox.runTests(program: program, tests: "assert double(4) == 8")
        #expect(unread.outcome != .passed, "as a script with no input, its demo block fails to read one")
    }

    @Test func completionsAndTestOnlyProgramsAreJudgedAsModules() {
        #expect(PythonCheck(tests: "assert True", entryPoint: "f").judgedByTestsAlone)
        #expect(PythonCheck(tests: "assert True").judgedByTestsAlone)
        #expect(!PythonCheck(tests: "assert True", stdin: "x").judgedByTestsAlone)
        #expect(!PythonCheck(tests: "assert True", stdoutContains: ["x"]).judgedByTestsAlone)
        #expect(!PythonCheck(stdoutMatches: ["x"]).judgedByTestsAlone)
    }

    @Test func matchesStdoutAgainstRegularExpressionsLineByLine() async throws {
        let grader = try await prepared(PythonCheck(stdoutMatches: ["^Fizz$", "^14\\n"]))
        #expect(try await grader.grade("```python\nfor i in range(12, 16):\n    print('Fizz' if i % 3 == 0 else i)\n```").outcome == .pass)
        let verdict = try await grader.grade("```python\nprint('Fizz 14')\n```")
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "stdout does not match /^Fizz$/")
    }

    @Test func lintFailsAMissingImportWithoutRunningTheProgram() async throws {
        let check = PythonCheck(tests: "assert len(movies) == 2\n", lint: true)
        let grader = try await prepared(check)
        let response = "```python\nmovies = ['A', 'B']\nprint(json.dumps(movies))\nopen('ran.txt', 'w')\n```"
        let verdict = try await grader.grade(response)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "lint: undefined name 'json' (line 2)")
        #expect(verdict.extracted?.hasPrefix("movies = ") == true)
        let fixed = try await grader.grade("```python\nimport json\nmovies = ['A', 'B']\nprint(json.dumps(movies))\n```")
        #expect(fixed.outcome == .pass)
        #expect(fixed.reason == "all tests passed")
    }

    @Test func withoutLintAMissingImportCrashesTheProgram() async throws {
        let grader = try await prepared(PythonCheck(tests: "assert True\n"))
        let verdict = try await grader.grade("```python\nprint(json.dumps([]))\n```")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "the program raised NameError: name 'json' is not defined (program.py, line 1)")
    }

    @Test func gradesACompletionOnTheAssembledProgram() async throws {
        let prompt = "def multiply(a, b):\n    \"\"\"Return a times b plus 75.\"\"\"\n"
        let grader = try await prepared(
            PythonCheck(tests: "assert multiply(2, 3) == 81\nassert multiply(0, 5) == 75\n", entryPoint: "multiply"),
            pattern: .completion, prompt: prompt)
        let right = try await grader.grade("return a * b + 75")
        #expect(right.outcome == .pass)
        #expect(right.extracted == prompt + "    return a * b + 75\n")
        let wrong = try await grader.grade("    return a * (b + 75)\n")
        #expect(wrong.reason == "`assert multiply(2, 3) == 81` failed: AssertionError")
    }

    @Test func noCodeAndForeignCodeAreErrors() async throws {
        let grader = try await prepared(Self.greeting)
        #expect(try await grader.grade("As an AI language model I cannot write programs.").reason == "no Python code in the response")
        #expect(try await grader.grade("```js\nconsole.log('Hello, Ada!')\n```").outcome == .error)
    }

    @Test func theCasesTimeoutBoundsTheRun() async throws {
        let grader = try await prepared(PythonCheck(tests: "assert True\n"), timeout: .seconds(1))
        let verdict = try await grader.grade("```python\nwhile True:\n    pass\n```")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "timed out after 1 s")
    }

    @Test func testsThatDoNotCompileAreASuiteProblemAtPrepare() async throws {
        await #expect(throws: BadInput.self) {
            _ = try await prepared(PythonCheck(tests: "assert (\n"))
        }
        do {
            _ = try await prepared(PythonCheck(tests: "def check(:\n    pass\n"))
            Issue.record("tests with a syntax error were accepted")
        } catch let error as BadInput {
            #expect(error.diagnostics.first?.message.hasPrefix("case 'c': the case's tests do not compile: SyntaxError") == true)
            #expect(error.diagnostics.first?.location?.description == "suite.yaml:3")
        }
    }
}
