import Foundation
import Synchronization

/// Runs blocking grading work on a thread of its own and stops waiting when a statement it runs is still going
/// `margin` past its deadline.
///
/// The deadline inside SQLite stops a statement between virtual-machine steps; a long run of steps without a
/// jump (a thousand expensive columns of one row) or one long function call never reaches that check. Then the
/// work is abandoned: its thread and connection finish alone — SQLite interrupts the statement at its next jump —
/// and are never reused, and `run` returns nil.
struct Backstop: Sendable {
    var margin: Duration

    /// `work`'s result, or nil when it was abandoned; `work` reports its statements to the clock it is given.
    func run<Output: Sendable>(_ work: @escaping @Sendable (StatementClock) throws -> Output) async throws -> Output? {
        let clock = StatementClock()
        let margin = margin
        let outcome: Result<Output, any Error>? = await withCheckedContinuation { continuation in
            let once = Once(continuation)
            let monitor = Task {
                while !Task.isCancelled {
                    guard let deadline = clock.deadline else {
                        try? await Task.sleep(for: margin)
                        continue
                    }
                    if ContinuousClock.now >= deadline + margin {
                        once.resume(nil)
                        return
                    }
                    try? await Task.sleep(until: deadline + margin, clock: .continuous)
                }
            }
            let thread = Thread {
                let result = Result { try work(clock) }
                monitor.cancel()
                once.resume(result)
            }
            // SQLite recurses while it parses deep expressions; give the thread the stack a main thread has.
            thread.stackSize = 8 << 20
            thread.start()
        }
        return try outcome?.get()
    }

    /// A continuation resumed by whichever of the thread and the monitor comes first.
    private final class Once<Value: Sendable>: Sendable {
        private let continuation: Mutex<CheckedContinuation<Value, Never>?>

        init(_ continuation: CheckedContinuation<Value, Never>) {
            self.continuation = Mutex(continuation)
        }

        func resume(_ value: Value) {
            let pending = continuation.withLock { pending in
                defer { pending = nil }
                return pending
            }
            pending?.resume(returning: value)
        }
    }
}
