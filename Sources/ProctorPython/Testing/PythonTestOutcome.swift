import ProctorCore

/// What running a program and then its tests showed, decided from the runner's private report only.
public enum PythonTestOutcome: Sendable, Hashable {
    /// The runner reported that every test statement ran to the end.
    case passed
    /// A test statement raised: its source line and the exception (`AssertionError`, `TypeError: ...`).
    case failed(line: String, exception: String)
    /// The linter found undefined names, so nothing ran: its findings in one line.
    case lint(String)
    /// The program could not run to its end before the tests: why, in one line.
    case crashed(String)
    /// The program ended itself (`sys.exit`, `os._exit`, `exit()`) before the tests ran.
    case exitedBeforeTests
    case timeout(Duration)
    /// A resource limit other than wall time ended the run.
    case limit(PythonLimit)

    /// The ProctorCore verdict: pass, fail quoting the failing line, or error naming what went wrong.
    public func verdict(extracted: String? = nil, log: String = "") -> Verdict {
        switch self {
        case .passed: .pass("all tests passed", extracted: extracted, log: log)
        case .failed(let line, let exception):
            .fail("`\(line)` failed: \(exception)", extracted: extracted, log: log)
        case .lint(let findings): .fail("lint: \(findings)", extracted: extracted, log: log)
        case .crashed(let reason): .error(reason, extracted: extracted, log: log)
        case .exitedBeforeTests: .error("exited before the tests ran", extracted: extracted, log: log)
        case .timeout(let duration): .error(PythonLimit.wallTime(duration).reason, extracted: extracted, log: log)
        case .limit(let limit): .error(limit.reason, extracted: extracted, log: log)
        }
    }
}
