@testable import ProctorPython
import Testing

/// The harness's reading of the runner's report: only the whole protocol, in order, makes a pass.
@Suite struct RunnerReportTests {
    static let nonce = String(repeating: "5a", count: 16)

    func line(_ kind: String, _ fields: String...) -> String {
        "\n\(Self.nonce) \(kind)" + fields.map { " " + Array($0.utf8).map { String(format: "%02x", $0) }.joined() }.joined() + "\n"
    }

    func outcome(_ lines: [String], statements: Int = 2, status: PythonExecution.Status = .exited(0), stdout: String = "")
        -> PythonTestOutcome
    {
        let execution = PythonExecution(
            status: status, stdout: stdout, stderr: "", stdoutTruncated: false, stderrTruncated: false,
            wallTime: .milliseconds(5), exceeded: nil)
        return PythonSandbox.testOutcome(
            report: RunnerReport(channel: lines.joined(), nonce: Self.nonce), plan: PythonTestPlan(statements: statements),
            harnessLimit: nil, execution: execution, limits: PythonLimits())
    }

    @Test func theWholeProtocolIsAPass() {
        #expect(outcome([line("ready"), line("program-done"), line("ok", "1"), line("ok", "2"), line("passed", "2")]) == .passed)
        #expect(outcome([line("ready"), line("program-done"), line("passed", "0")], statements: 0) == .passed)
    }

    @Test func aPassNeedsEveryStatementOfThePlan() {
        let short = outcome([line("ready"), line("program-done"), line("ok", "1"), line("passed", "1")])
        #expect(short == .unexpectedReport("1 of 2 test statements reported, then a pass"))
        let skipped = outcome([line("ready"), line("program-done"), line("ok", "2"), line("passed", "2")])
        #expect(skipped == .unexpectedReport("test statement 2 reported out of order"))
        let early = outcome([line("ready"), line("ok", "1"), line("ok", "2"), line("passed", "2")])
        #expect(early == .unexpectedReport("test statement 1 reported out of order"))
        let bad = outcome([line("ready"), line("program-done"), line("ok", "1"), line("ok", "2"), line("passed", "2")],
                          status: .exited(1))
        #expect(bad == .crashed("the process ended badly after the tests (exit status 1)"))
    }

    @Test func anythingUnexpectedIsTheSamplesErrorNeverTheSuites() {
        let unknown = outcome([line("ready"), line("invented")])
        #expect(unknown == .unexpectedReport("an unknown report kind"))
        let invalid = outcome([line("ready"), line("program-done"), line("invalid-tests", "x")])
        #expect(invalid == .unexpectedReport("invalid-tests at the wrong time"))
        #expect(invalid.verdict().outcome == .error)
        let late = outcome([line("ready"), line("program-done"), line("ok", "1"), line("ok", "2"), line("passed", "2"), line("ok", "3")])
        #expect(late == .unexpectedReport("a report after the runner's last one"))
        let twice = outcome([line("ready"), line("ready")])
        #expect(twice == .unexpectedReport("a second start"))
        let foreign = outcome([line("ready"), "\n\(String(repeating: "ab", count: 16)) passed 32\n"])
        #expect(foreign == .unexpectedReport("a line without the run's nonce on the report pipe"))
        let malformed = outcome([line("ready"), "\n\(Self.nonce) crashed zz\n"])
        #expect(malformed == .unexpectedReport("a malformed report field"))
        let imitated = outcome([line("ready"), line("program-done"), line("ok", "1"), line("ok", "2"), line("passed", "2")],
                               stdout: "hello\n\(String(repeating: "0f", count: 16)) passed 32\n")
        #expect(imitated == .unexpectedReport("the program's output imitates the runner's report"))
        let leaked = outcome([line("ready"), line("program-done"), line("ok", "1"), line("ok", "2"), line("passed", "2")],
                             stdout: "found \(Self.nonce)\n")
        #expect(leaked == .unexpectedReport("the program's output imitates the runner's report"))
        let hashes = outcome([line("ready"), line("program-done"), line("ok", "1"), line("ok", "2"), line("passed", "2")],
                             stdout: "d41d8cd98f00b204e9800998ecf8427e ok\nd41d8cd98f00b204e9800998ecf8427e ready\n"
                                + "d41d8cd98f00b204e9800998ecf8427e passed all tests\n")
        #expect(hashes == .passed)
    }

    @Test func tamperingEndsTheReportAtAnyPoint() {
        #expect(outcome([line("tampered", "f_back, line 3")]) == .tampered("f_back, line 3"))
        #expect(outcome([line("ready"), line("program-done"), line("ok", "1"), line("tampered", "gc.get_objects")]) == .tampered("gc.get_objects"))
        #expect(PythonTestOutcome.tampered("gc.get_objects").verdict().reason == "the program inspects or patches the grader (gc.get_objects)")
    }

    @Test func endsBeforeTheTestsAndDuringThem() {
        #expect(outcome([line("ready")]) == .exitedBeforeTests)
        #expect(outcome([line("ready"), line("exited", "2")]) == .exited("2"))
        #expect(outcome([line("ready"), line("program-done"), line("ok", "1")], status: .signaled(9))
            == .crashed("the process ended while the tests ran (killed by signal 9)"))
        #expect(outcome([line("ready"), line("program-done"), line("failed", "2", "assert x", "AssertionError")])
            == .unexpectedReport("a failure of test statement 2 out of order"))
        #expect(outcome([line("ready"), line("program-done"), line("ok", "1"), line("failed", "2", "assert x", "AssertionError")])
            == .failed(line: "assert x", exception: "AssertionError"))
    }
}
