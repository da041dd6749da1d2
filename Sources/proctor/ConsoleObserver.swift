import Foundation
import ProctorCore
import ProctorRun

/// Shows a run's notes and warnings on standard error, and a progress line while it grades (on a terminal).
final class ConsoleObserver: EvaluationObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var progress: ProgressLine?

    func note(_ line: String) { Console.standardError.line(line) }

    func warn(_ diagnostics: [Diagnostic]) { Console.standardError.diagnostics(diagnostics) }

    func grading(total: Int) { lock.withLock { progress = ProgressLine.onTerminal(total: total) } }

    func graded(_ sample: GradedSample) { lock.withLock { progress }?.advance(sample) }

    func gradingFinished() { lock.withLock { progress }?.finish() }
}
