import Glibc

/// Drives one started child to its end: reads its pipes, enforces wall time and output volume, and cleans up.
struct Supervision {
    struct Outcome {
        var waitStatus: Int32
        var stdout: CappedBuffer
        var stderr: CappedBuffer
        var channel: CappedBuffer
        var elapsed: Duration
        var exceeded: PythonLimit?
    }

    let child: ChildProcess
    let limits: PythonLimits
    /// How long a limit waits, after SIGTERM to the child alone, for it to end (a supervisor cleaning up below
    /// itself) before the group is killed; nil kills the group at once.
    var grace: Duration? = nil
    /// Kills whatever the run left behind; called once the child has ended or been killed.
    let sweep: () -> Void

    /// Blocks until the child has ended and every process of the run is gone, then closes `stdout`, `stderr`, `channel`.
    func run(stdout: Int32, stderr: Int32, channel: Int32?) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + limits.wallTime
        var buffers = [
            CappedBuffer(cap: limits.capturedOutputBytes), CappedBuffer(cap: limits.capturedOutputBytes),
            CappedBuffer(cap: 1 << 20),
        ]
        var open: [(fd: Int32, buffer: Int)] = [(stdout, 0), (stderr, 1)]
        if let channel { open.append((channel, 2)) }
        for entry in open { FileDescriptor.setNonBlocking(entry.fd) }

        var ended = false
        var elapsed: Duration?
        var killedAt: ContinuousClock.Instant?
        var exceeded: PythonLimit?
        func terminate() {
            if !ended, killedAt == nil, let grace { stop(within: grace, clock: clock) }
            child.killGroup()
            sweep()
            if killedAt == nil { killedAt = clock.now }
        }

        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if !ended, child.hasEnded() {
                ended = true
                elapsed = clock.now - start
                terminate()
            }
            if ended, open.isEmpty { break }
            // Something outside the group still holds a pipe: sweep once more, then stop listening.
            if let killedAt, clock.now - killedAt > .seconds(2) {
                sweep()
                break
            }
            let now = clock.now
            if !ended, exceeded == nil, now >= deadline {
                exceeded = .wallTime(limits.wallTime)
                terminate()
            }

            var waitLimit: Duration = open.isEmpty ? .milliseconds(1) : .milliseconds(50)
            if !ended, exceeded == nil { waitLimit = min(waitLimit, deadline - now) }
            var pollSet = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&pollSet, nfds_t(pollSet.count), Self.milliseconds(waitLimit))
            guard ready > 0 else { continue }

            var closed: Set<Int32> = []
            for entry in pollSet where entry.revents != 0 {
                guard let index = open.first(where: { $0.fd == entry.fd })?.buffer else { continue }
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        chunk.withUnsafeBytes { buffers[index].append(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
                        if count < chunk.count { break }
                        continue
                    }
                    if count < 0, errno == EINTR { continue }
                    if count < 0, errno == EAGAIN { break }
                    closed.insert(entry.fd)
                    break
                }
            }
            for fd in closed { close(fd) }
            open.removeAll { closed.contains($0.fd) }
            if exceeded == nil, buffers[0].total + buffers[1].total > limits.outputBytes {
                exceeded = .output(bytes: limits.outputBytes)
                terminate()
            }
        }
        for entry in open { close(entry.fd) }
        if killedAt == nil { terminate() }
        let status = child.wait()
        return Outcome(
            waitStatus: status, stdout: buffers[0], stderr: buffers[1], channel: buffers[2],
            elapsed: elapsed ?? clock.now - start, exceeded: exceeded)
    }

    /// Sends SIGTERM to the child and waits up to `grace` for it to end.
    private func stop(within grace: Duration, clock: ContinuousClock) {
        let limit = clock.now + grace
        kill(child.pid, SIGTERM)
        while !child.hasEnded(), clock.now < limit {
            usleep(2000)
        }
    }

    /// A poll timeout of at least 1 ms and at most 1 s.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: min(max(seconds * 1000 + attoseconds / 1_000_000_000_000_000, 1), 1000))
    }
}
