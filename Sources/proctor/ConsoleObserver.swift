import Foundation
import ProctorCore
import ProctorProviders
import ProctorRun

/// Shows a run's notes, warnings and retries on standard error, and its progress: a live line while it grades on a
/// terminal, a ``ProgressLog`` line every few seconds otherwise.
final class ConsoleObserver: EvaluationObserver, RecordingObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var progress: ProgressLine?
    private let log = ProgressLog.whenRedirected()

    /// Starts the periodic progress lines (when standard error is not a terminal).
    func start() { log?.start() }

    /// Stops them; call before printing the run's summary.
    func stop() { log?.stop() }

    func note(_ line: String) { Console.standardError.line(line) }

    func warn(_ diagnostics: [Diagnostic]) { Console.standardError.diagnostics(diagnostics) }

    func grading(total: Int) {
        log?.grading(total: total)
        lock.withLock { progress = ProgressLine.onTerminal(total: total) }
    }

    func graded(_ sample: GradedSample) {
        log?.graded(passed: sample.verdict.outcome == .pass)
        lock.withLock { progress }?.advance(sample)
    }

    func gradingFinished() { lock.withLock { progress }?.finish() }

    func asking(requests: Int, model: String) { log?.asking(requests: requests) }

    func answered(_ sample: SampleKey) { log?.answered() }
    func answered(_ sample: SampleKey, round: Int) { log?.answeredRound() }

    /// `school/cs-students #1 [m]: attempt 1 of 5 failed: timed out after 60 s; next in 0.7 s`, and a hint.
    func retrying(_ sample: SampleKey, _ retry: ChatRetry) {
        let cause = retry.timedOut ? "timed out after \(Self.seconds(retry.timeout))" : retry.problem
        let hint =
            if retry.timedOut {
                "an answer took longer than --request-timeout (\(Self.seconds(retry.timeout))): cap its length with --max-tokens, or raise --request-timeout"
            } else if retry.problem.hasPrefix("HTTP 429") {
                "the server limits requests: lower --concurrency, or wait"
            } else {
                "after \(retry.attempts) attempts the run stops (exit 3); check the server at --base-url"
            }
        Console.standardError.untrusted(
            "\(sample.label()): attempt \(retry.attempt) of \(retry.attempts) failed: \(cause); next in \(Self.seconds(retry.delay))\n  hint: \(hint)")
    }

    /// `60 s`, `0.5 s`.
    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: value < 10 && value.rounded() != value ? "%.1f s" : "%.0f s", value)
    }
}
