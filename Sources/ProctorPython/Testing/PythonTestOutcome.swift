import ProctorCore

/// What running a program and then its tests showed, decided from the runner's private report only.
public enum PythonTestOutcome: Sendable, Hashable {
    /// The runner reported that every test statement ran to the end.
    case passed
    /// A test statement raised: its source line and the exception (`AssertionError`, `TypeError: ...`).
    case failed(line: String, exception: String)
    /// The linter found undefined names, so nothing ran: its findings in one line.
    case lint(String)
    /// The program could not run to its end before the tests: why, in one line, and the exception it raised if any.
    case crashed(String, exception: String? = nil)
    /// The process ended (`os._exit`, a signal) before the tests ran.
    case exitedBeforeTests
    /// The program raised `SystemExit` with a status other than 0 (`sys.exit(1)`, `sys.exit("usage")`): the status.
    case exited(String)
    /// The program read or patched the test runner's internals (frames, the heap, tracing, `ctypes`): what it did.
    case tampered(String)
    /// The runner's report broke its protocol (a forged, malformed, duplicated or out-of-order line, or output
    /// imitating it): what was wrong. The runner itself never does that, so the program did.
    case unexpectedReport(String)
    case timeout(Duration)
    /// A resource limit other than wall time ended the run.
    case limit(PythonLimit)

    /// The ProctorCore verdict: pass, fail quoting the failing line, or error naming what went wrong; its details
    /// say which of these it is (``kind``) and, for a failed test, the statement and the exception.
    public func verdict(extracted: String? = nil, log: String = "") -> Verdict {
        var details = VerdictDetails(kind: kind)
        if case .failed(let line, let exception) = self { (details.statement, details.exception) = (line, exception) }
        if case .crashed(_, let exception?) = self { details.exception = exception }
        return plainVerdict(extracted: extracted, log: log).with(details)
    }

    /// What happened, in a few words a program can match: `passed`, `test-failed`, `timeout`, ...
    public var kind: String {
        switch self {
        case .passed: "passed"
        case .failed: "test-failed"
        case .lint: "lint"
        case .crashed: "crashed"
        case .exitedBeforeTests: "exited-before-tests"
        case .exited: "exited"
        case .tampered: "tampered"
        case .unexpectedReport: "unexpected-report"
        case .timeout: "timeout"
        case .limit: "limit"
        }
    }

    private func plainVerdict(extracted: String?, log: String) -> Verdict {
        switch self {
        case .passed: .pass("all tests passed", extracted: extracted, log: log)
        case .failed(let line, let exception):
            .fail("`\(line)` failed: \(exception)", extracted: extracted, log: log)
        case .lint(let findings): .fail("lint: \(findings)", extracted: extracted, log: log)
        case .crashed(let reason, _): .error(reason, extracted: extracted, log: log)
        case .exitedBeforeTests: .error("exited before the tests ran", extracted: extracted, log: log)
        case .exited(let status):
            .fail(
                Int(status) != nil ? "the program exited with status \(status)" : "the program exited: \(status)",
                extracted: extracted, log: log)
        case .tampered(let what):
            .error("the program inspects or patches the grader (\(what))", extracted: extracted, log: log)
        case .unexpectedReport(let what):
            .error("the test report is not the runner's: \(what)", extracted: extracted, log: log)
        case .timeout(let duration): .error(PythonLimit.wallTime(duration).reason, extracted: extracted, log: log)
        case .limit(let limit): .error(limit.reason, extracted: extracted, log: log)
        }
    }
}
