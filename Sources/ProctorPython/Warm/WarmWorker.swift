import Foundation
import Glibc

/// One long-lived bubblewrap sandbox running the fork server; serves one sample at a time.
final class WarmWorker {
    struct Reply: Decodable {
        struct Status: Decodable {
            var kind: String
            var code: Int32
        }

        var status: Status
        var wall: Double
        var exceeded: String?
        /// False when the sample left something behind; absent from a `compile` reply.
        var clean: Bool?
        var sizes: [Int]
        var truncated: [Bool]
    }

    let scratchBytes: Int
    /// Whether the last sample left nothing behind (no process, no file in `/tmp` or `/dev/shm`, no SysV object);
    /// a worker that is not clean is replaced rather than lent again.
    private(set) var isClean = true
    private let child: ChildProcess
    private var requests: Int32
    private var replies: Int32

    init(plan: LaunchPlan, scratchBytes: Int) throws {
        guard let command = plan.withOwnUID().workerCommand(scratchBytes: scratchBytes) else {
            throw PythonSandboxError("warm workers need bubblewrap and a uid to drop to")
        }
        let input = try FileDescriptor.pipe()
        let output: (read: Int32, write: Int32)
        do { output = try FileDescriptor.pipe() } catch {
            close(input.read)
            close(input.write)
            throw error
        }
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer {
            close(input.read)
            close(output.write)
            close(null)
        }
        do {
            child = try ChildProcess.spawn(
                executable: command.executable, arguments: command.arguments, environment: command.environment,
                descriptors: [(input.read, 0), (output.write, 1), (null, 2)])
        } catch {
            close(input.write)
            close(output.read)
            throw error
        }
        requests = input.write
        replies = output.read
        self.scratchBytes = scratchBytes
    }

    deinit {
        stop()
    }

    /// Runs one sample; throws, leaving the worker stopped, when the server does not answer in time.
    func serve(
        mode: String, nonce: String, program: String, tests: String, stdin: String, limits: PythonLimits, lint: Bool,
        module: String = "__main__"
    ) throws -> Supervision.Outcome {
        let blobs = [Array(program.utf8), Array(tests.utf8), Array(stdin.utf8)]
        let header: [String: Any] = [
            "mode": mode, "nonce": nonce, "lint": lint, "module": module, "sizes": blobs.map(\.count),
            "limits": [
                "wall": Double(limits.wallTime.components.seconds) + Double(limits.wallTime.components.attoseconds) / 1e18,
                "cpu": limits.cpuSeconds, "memory": limits.memoryBytes, "processes": limits.processes,
                "fileSize": limits.fileSizeBytes, "openFiles": limits.openFiles,
                "captured": limits.capturedOutputBytes, "output": limits.outputBytes,
            ],
        ]
        do {
            let line = try JSONSerialization.data(withJSONObject: header) + Data("\n".utf8)
            try FileDescriptor.writeAll(requests, Array(line) + blobs.joined())
            let deadline = ContinuousClock.now + limits.wallTime + .seconds(10)
            let replyLine = try readLine(until: deadline)
            let reply = try JSONDecoder().decode(Reply.self, from: Data(replyLine))
            guard reply.sizes.count == 3, reply.truncated.count == 2 else {
                throw PythonSandboxError("the warm worker sent a malformed reply")
            }
            var sections: [[UInt8]] = []
            for size in reply.sizes { sections.append(try readExactly(size, until: deadline)) }
            isClean = reply.clean ?? true
            let cap = limits.capturedOutputBytes
            let waitStatus = reply.status.kind == "signaled" ? reply.status.code : reply.status.code << 8
            let exceeded: PythonLimit? =
                switch reply.exceeded {
                case "wall": .wallTime(limits.wallTime)
                case "output": .output(bytes: limits.outputBytes)
                default: nil
                }
            return Supervision.Outcome(
                waitStatus: waitStatus,
                stdout: CappedBuffer(cap: cap, bytes: sections[0], total: sections[0].count + (reply.truncated[0] ? 1 : 0)),
                stderr: CappedBuffer(cap: cap, bytes: sections[1], total: sections[1].count + (reply.truncated[1] ? 1 : 0)),
                channel: CappedBuffer(cap: 1 << 20, bytes: sections[2], total: sections[2].count),
                elapsed: .nanoseconds(reply.wall.isFinite ? Int64(min(max(reply.wall, 0), 1e6) * 1e9) : 0),
                exceeded: exceeded)
        } catch {
            stop()
            throw error
        }
    }

    /// Ends the worker's sandbox; its PID namespace takes every sample process with it.
    ///
    /// Closing the request pipe lets an idle server leave by itself (so its CPU time is accounted to the harness);
    /// one that has not left after `grace` is killed.
    func stop(grace: Duration = .milliseconds(500)) {
        guard requests >= 0 else { return }
        close(requests)
        requests = -1
        let deadline = ContinuousClock.now + grace
        while !child.hasEnded() && ContinuousClock.now < deadline { usleep(2000) }
        child.killGroup()
        close(replies)
        replies = -1
        _ = child.wait()
    }

    private var pending: [UInt8] = []

    private func readLine(until deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                return line
            }
            try fill(until: deadline)
        }
    }

    private func readExactly(_ count: Int, until deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while pending.count < count { try fill(until: deadline) }
        let bytes = Array(pending[..<count])
        pending.removeSubrange(..<count)
        return bytes
    }

    private func fill(until deadline: ContinuousClock.Instant) throws {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw PythonSandboxError("the warm worker did not answer in time") }
        var entry = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Supervision.milliseconds(remaining))
        if ready < 0, errno != EINTR { throw PythonSandboxError("cannot wait for the warm worker: \(errnoText())") }
        guard ready > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { return }
        guard count > 0 else { throw PythonSandboxError("the warm worker stopped unexpectedly") }
        pending += chunk[..<count]
    }
}
