import Foundation
import ProctorCore

/// The outcome of one program-plus-tests run, with what the process did.
public struct PythonTestRun: Sendable, Hashable {
    public var outcome: PythonTestOutcome
    public var execution: PythonExecution

    public init(outcome: PythonTestOutcome, execution: PythonExecution) {
        self.outcome = outcome
        self.execution = execution
    }

    /// The verdict, with the program's stdout and stderr as its log and the last lines of stderr in its details.
    public func verdict(extracted: String? = nil) -> Verdict {
        var verdict = outcome.verdict(extracted: extracted, log: log)
        let tail = execution.stderr.split(separator: "\n", omittingEmptySubsequences: false).suffix(12)
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if verdict.outcome != .pass, !tail.isEmpty { verdict.details.tracebackTail = String(tail.suffix(2000)) }
        return verdict
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
