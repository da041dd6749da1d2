import Foundation
import ProctorCore

/// A live progress line on standard error while samples are graded: done/total, pass rate so far, ETA.
///
/// Only on a terminal; redirected output gets a plain ``ProgressLog`` line every few seconds instead.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var done = 0
    private var passed = 0
    private var lastDraw = ContinuousClock.now - .seconds(1)

    /// A progress line for `total` samples, or nil when standard error is not a terminal.
    static func onTerminal(total: Int) -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 && total > 0 ? ProgressLine(total: total) : nil
    }

    private init(total: Int) {
        self.total = total
    }

    /// Counts one graded sample; redraws at most ten times a second, and for the last one.
    func advance(_ sample: GradedSample) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if sample.verdict.outcome == .pass { passed += 1 }
        let now = ContinuousClock.now
        guard done == total || now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let elapsed = Double((now - start).components.seconds) + Double((now - start).components.attoseconds) / 1e18
        let remaining = done < total ? elapsed / Double(done) * Double(total - done) : 0
        let line = String(format: "\r[%d/%d] pass %.1f%%  ETA %.0f s ", done, total,
                          Double(passed) / Double(done) * 100, remaining)
        Console.standardError.write(line)
    }

    /// Clears the line, so what follows starts at the left edge.
    func finish() {
        Console.standardError.write("\r\u{1B}[K")
    }
}
