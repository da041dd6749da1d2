import Synchronization

/// The deadline of the statement a grading thread is running, if any, readable from another thread.
final class StatementClock: Sendable {
    private let current = Mutex<ContinuousClock.Instant?>(nil)

    func started(deadline: ContinuousClock.Instant) {
        current.withLock { $0 = deadline }
    }

    func finished() {
        current.withLock { $0 = nil }
    }

    /// The running statement's deadline; nil between statements.
    var deadline: ContinuousClock.Instant? {
        current.withLock { $0 }
    }
}
