/// The deadline a connection's progress handler checks every thousand virtual-machine steps.
final class Watchdog {
    var deadline: ContinuousClock.Instant = .now
    /// Set when the handler interrupted a statement.
    var fired = false

    func arm(for duration: Duration) {
        deadline = .now + duration
        fired = false
    }
}
