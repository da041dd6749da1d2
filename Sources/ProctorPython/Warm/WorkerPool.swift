import Foundation

/// Up to `capacity` warm workers, each lent to one sample at a time.
final class WorkerPool: @unchecked Sendable {
    let capacity: Int
    private let plan: LaunchPlan
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var idle: [WarmWorker] = []
    private var lent = 0
    private var failed = 0
    private var replacedCount = 0

    /// Workers replaced because a sample left something behind in them.
    var replaced: Int {
        condition.lock()
        defer { condition.unlock() }
        return replacedCount
    }

    /// Runs whose worker failed.
    var failures: Int {
        condition.lock()
        defer { condition.unlock() }
        return failed
    }

    init(plan: LaunchPlan, capacity: Int) {
        self.plan = plan
        self.capacity = capacity
    }

    deinit {
        idle.forEach { $0.stop() }
    }

    /// Runs `body` with a worker whose `/tmp` holds `scratchBytes`; a worker that fails, or that a sample left
    /// something in, is stopped, not reused.
    func withWorker<T>(scratchBytes: Int, _ body: (WarmWorker) throws -> T) throws -> T {
        let worker = try checkOut(scratchBytes: scratchBytes)
        do {
            let result = try body(worker)
            if worker.isClean {
                checkIn(worker)
            } else {
                worker.stop()
                checkIn(nil, replaced: true)
            }
            return result
        } catch {
            worker.stop()
            checkIn(nil, failed: true)
            throw error
        }
    }

    private func checkOut(scratchBytes: Int) throws -> WarmWorker {
        condition.lock()
        while idle.isEmpty && lent + idle.count >= capacity { condition.wait() }
        var reusable: WarmWorker?
        var unfit: WarmWorker?
        if let index = idle.firstIndex(where: { $0.scratchBytes == scratchBytes }) {
            reusable = idle.remove(at: index)
        } else if lent + idle.count >= capacity {
            unfit = idle.removeLast()
        }
        lent += 1
        condition.unlock()
        if let reusable { return reusable }
        unfit?.stop()
        do {
            return try WarmWorker(plan: plan, scratchBytes: scratchBytes)
        } catch {
            checkIn(nil)
            throw error
        }
    }

    private func checkIn(_ worker: WarmWorker?, failed: Bool = false, replaced: Bool = false) {
        condition.lock()
        lent -= 1
        if failed { self.failed += 1 }
        if replaced { replacedCount += 1 }
        if let worker { idle.append(worker) }
        condition.signal()
        condition.unlock()
    }
}
