/// The deadline a connection's progress handler checks every thousand virtual-machine steps.
final class Watchdog {
    var deadline: ContinuousClock.Instant = .now
    /// Set when the handler interrupted a statement.
    var fired = false
    /// Told when a statement starts and stops, for a ``Backstop`` on another thread.
    let clock: StatementClock?

    init(clock: StatementClock? = nil) {
        self.clock = clock
    }

    func arm(for duration: Duration) {
        deadline = .now + duration
        fired = false
        clock?.started(deadline: deadline)
    }

    func disarm() {
        clock?.finished()
    }
}
