import ProctorCore

/// The outcome of one program-plus-tests run, with what the process did.
public struct PythonTestRun: Sendable, Hashable {
    public var outcome: PythonTestOutcome
    public var execution: PythonExecution

    public init(outcome: PythonTestOutcome, execution: PythonExecution) {
        self.outcome = outcome
        self.execution = execution
    }

    /// The verdict, with the program's stdout and stderr as its log.
    public func verdict(extracted: String? = nil) -> Verdict {
        outcome.verdict(extracted: extracted, log: log)
    }

    /// stdout and stderr, each marked when it was cut at the capture cap.
    public var log: String {
        var parts: [String] = []
        for (name, text, truncated) in [
            ("stdout", execution.stdout, execution.stdoutTruncated), ("stderr", execution.stderr, execution.stderrTruncated),
        ] where !text.isEmpty {
            parts.append("\(name):\n\(text)\(truncated ? "\n[\(name) truncated]" : "")")
        }
        return parts.joined(separator: "\n")
    }
}
