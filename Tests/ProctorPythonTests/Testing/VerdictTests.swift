import ProctorCore
import ProctorPython
import Testing

@Suite("PythonTestOutcome.verdict")
struct VerdictTests {
    @Test func namesEachOutcome() {
        let cases: [(PythonTestOutcome, Verdict.Outcome, String)] = [
            (.passed, .pass, "all tests passed"),
            (.failed(line: "assert f(1) == 2", exception: "AssertionError"), .fail, "`assert f(1) == 2` failed: AssertionError"),
            (.crashed("the program raised ZeroDivisionError: division by zero"), .error, "the program raised ZeroDivisionError: division by zero"),
            (.exitedBeforeTests, .error, "exited before the tests ran"),
            (.timeout(.seconds(5)), .error, "timed out after 5 s"),
            (.timeout(.milliseconds(1500)), .error, "timed out after 1.5 s"),
            (.limit(.memory(bytes: 1 << 30)), .error, "memory limit 1 GiB exceeded"),
            (.limit(.output(bytes: 64 << 20)), .error, "output limit exceeded (64 MiB of stdout and stderr)"),
            (.limit(.processes(64)), .error, "process limit 64 exceeded"),
            (.limit(.fileSize(bytes: 1000)), .error, "file size limit 1000 bytes exceeded"),
            (.limit(.cpuTime(seconds: 10)), .error, "CPU time limit 10 s exceeded"),
        ]
        for (outcome, expected, reason) in cases {
            let verdict = outcome.verdict(extracted: "x = 1", log: "log")
            #expect(verdict.outcome == expected)
            #expect(verdict.reason == reason)
            #expect(verdict.extracted == "x = 1")
            #expect(verdict.log == "log")
        }
    }
}
