import Foundation
import Synchronization

/// Fixtures by file, each built at most once per run however many cases share it.
final class FixtureCache: Sendable {
    private let slots = Mutex<[URL: Slot]>([:])

    /// The fixture built from `url`, building it on first use; concurrent callers wait for one build.
    func fixture(for url: URL) -> Result<Fixture, FixtureProblem> {
        let key = url.standardizedFileURL
        let slot = slots.withLock { slots in
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        return slot.value.withLock { value in
            if let value { return value }
            let built = Fixture.load(key)
            value = built
            return built
        }
    }

    private final class Slot: Sendable {
        let value = Mutex<Result<Fixture, FixtureProblem>?>(nil)
    }
}
