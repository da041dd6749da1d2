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

    /// Answers recorded in this run, per cassette file in the order first written: how many, and how many of
    /// those were repair rounds.
    private var recordings: [(file: String, answers: Int, rounds: Int)] = []

    func recorded(_ sample: SampleKey, round: Int, in file: String) {
        lock.withLock {
            if let index = recordings.firstIndex(where: { $0.file == file }) {
                recordings[index].answers += 1
                recordings[index].rounds += round > 1 ? 1 : 0
            } else {
                recordings.append((file, 1, round > 1 ? 1 : 0))
            }
        }
    }

    /// What `--record` or `--refresh` wrote: `recorded 16 answers: 8 in responses/openai/small/explain.jsonl, ...`,
    /// or that every selected sample already had its recording.
    func recordingSummary() -> String {
        let recordings = lock.withLock { self.recordings }
        guard !recordings.isEmpty else { return "recorded no answers: every selected sample already had a recording" }
        let answers = recordings.reduce(0) { $0 + $1.answers }
        let rounds = recordings.reduce(0) { $0 + $1.rounds }
        return "recorded \(answers) answer(s)" + (rounds > 0 ? ", including \(rounds) repair round(s)" : "") + ": "
            + recordings.map { "\($0.answers) in \($0.file)" }.joined(separator: ", ")
    }

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
