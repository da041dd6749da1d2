import Foundation

/// Progress as plain lines on standard error while a run goes on, for logs (CI) where the live progress line is
/// not drawn: one line every ``interval`` with the answers recorded, the samples graded, the pass rate so far and
/// an ETA.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private let interval: Duration
    private let queue = DispatchQueue(label: "proctor.progress")
    private let began = ContinuousClock.now
    private var timer: (any DispatchSourceTimer)?
    private var asked = 0
    private var recorded = 0
    private var askingSince: ContinuousClock.Instant?
    /// Repair rounds recorded while grading.
    private var repairRounds = 0
    private var total = 0
    private var graded = 0
    private var passed = 0
    private var gradingSince: ContinuousClock.Instant?

    /// A log for a run whose standard error is not a terminal, or nil (the live line is drawn there instead).
    static func whenRedirected() -> ProgressLog? {
        Console.standardError.isTerminal ? nil : ProgressLog(interval: interval)
    }

    /// 10 s; `PROCTOR_PROGRESS_INTERVAL` (seconds, 0.01 to 3600) sets another, so tests need not wait.
    static var interval: Duration {
        guard let text = ProcessInfo.processInfo.environment["PROCTOR_PROGRESS_INTERVAL"], let seconds = Double(text),
            seconds >= 0.01, seconds <= 3600
        else { return .seconds(10) }
        return .milliseconds(Int64(seconds * 1000))
    }

    init(interval: Duration) {
        self.interval = interval
    }

    /// Writes a line every interval from now until ``stop()``.
    func start() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let nanoseconds = Int(interval.components.seconds) * 1_000_000_000 + Int(interval.components.attoseconds / 1_000_000_000)
        timer.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            Console.standardError.line(self.line())
        }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    /// Stops the lines; when it returns, none is being written, so the run's summary follows undisturbed.
    func stop() {
        lock.withLock { timer }?.cancel()
        queue.sync {}
    }

    func asking(requests: Int) {
        lock.withLock {
            asked += requests
            if askingSince == nil { askingSince = .now }
        }
    }

    func answered() { lock.withLock { recorded += 1 } }
    func answeredRound() { lock.withLock { repairRounds += 1 } }

    func grading(total: Int) {
        lock.withLock {
            self.total = total
            gradingSince = .now
        }
    }

    func graded(passed: Bool) {
        lock.withLock {
            graded += 1
            if passed { self.passed += 1 }
        }
    }

    /// `progress 40 s: answers 6/6 recorded; graded 120/1640, pass 53.1%, ETA 7 s`.
    func line() -> String {
        lock.withLock {
            let now = ContinuousClock.now
            var parts: [String] = []
            if let askingSince, asked > 0 {
                parts.append("answers \(recorded)/\(asked) recorded"
                    + (gradingSince == nil ? ", ETA " + Self.eta(done: recorded, of: asked, since: askingSince, now: now) : ""))
            }
            if let gradingSince {
                let rate = graded > 0 ? String(format: ", pass %.1f%%", Double(passed) / Double(graded) * 100) : ""
                parts.append("graded \(graded)/\(total)\(rate), ETA " + Self.eta(done: graded, of: total, since: gradingSince, now: now))
                if repairRounds > 0 { parts.append("\(repairRounds) repair round(s) recorded") }
            }
            if parts.isEmpty { parts.append("preparing the cases") }
            return "progress \(Self.format(now - began)): " + parts.joined(separator: "; ")
        }
    }

    private static func eta(done: Int, of total: Int, since: ContinuousClock.Instant, now: ContinuousClock.Instant) -> String {
        guard done > 0 else { return "unknown" }
        return format((now - since) / done * (total - done))
    }

    /// `7 s`, `2 m 05 s`.
    static func format(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        return seconds < 60 ? "\(seconds) s" : String(format: "%d m %02d s", seconds / 60, seconds % 60)
    }
}
