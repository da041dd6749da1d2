import Foundation
import Glibc
import ProctorPython
import Testing

/// Ways out of the sandbox that its limits alone do not close, each tried by a program and checked from the host.
@Suite("Sandbox side doors")
struct SideDoorTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A Unix socket on the host, listening and connectable by anyone; nil when it cannot be made here.
    final class HostListener {
        let path: String
        let fd: Int32

        init?() {
            path = "/var/tmp/proctor-door-\(UUID().uuidString.prefix(8)).sock"
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else { return nil }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in bytes.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0, listen(fd, 8) == 0, chmod(path, 0o777) == 0 else {
                close(fd)
                return nil
            }
        }

        /// Whether anyone connected.
        var wasReached: Bool {
            let client = accept(fd, nil, nil)
            if client >= 0 { close(client) }
            return client >= 0
        }

        deinit {
            close(fd)
            unlink(path)
        }
    }

    @Test(.enabled(if: Sandboxes.isolated, "no namespaces here: the fallback cannot hide host sockets"))
    func hostUnixSocketsAreOutOfReach() async throws {
        let listener = try #require(HostListener())
        #expect(FileManager.default.fileExists(atPath: listener.path))
        let program = """
            import socket
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect('\(listener.path)')
                print('connected')
            except OSError as error:
                print('refused', type(error).__name__)
            """
        for sandbox in [Sandboxes.detected, Sandboxes.warm] {
            let result = try await sandbox.get().run(program)
            #expect(result.stdout.hasPrefix("refused"), "\(result.stdout) \(result.stderr)")
        }
        #expect(!listener.wasReached)
    }

    @Test(.enabled(if: Sandboxes.isolated, "no namespaces here: the fallback cannot hide the project"))
    func theProjectAndHomeDirectoriesAreInvisible() async throws {
        let suite = Self.repository.appendingPathComponent("suites/school.yaml").path
        #expect(FileManager.default.fileExists(atPath: suite))
        let program = """
            import os
            for path in [\(["/work", "/home", "/var", "/run", "/etc/shadow", suite, Self.repository.path].map { "'\($0)'" }.joined(separator: ", "))]:
                print(path, os.path.exists(path))
            print(sorted(os.listdir('/')))
            """
        for sandbox in [Sandboxes.detected, Sandboxes.warm] {
            let result = try await sandbox.get().run(program)
            #expect(result.status == .exited(0), "\(result.stderr)")
            #expect(!result.stdout.contains(" True"), "\(result.stdout)")
            #expect(result.stdout.contains("'tmp'") && result.stdout.contains("'usr'"), "\(result.stdout)")
        }
    }

    @Test(.enabled(if: Sandboxes.isolated, "no namespaces here: /dev/shm is the host's"))
    func devShmIsPrivateWritableAndCapped() async throws {
        let program = """
            import multiprocessing, os
            with multiprocessing.Pool(2) as pool:
                print(pool.map(abs, [-1, -2]))
            try:
                for n in range(10):
                    with open('/dev/shm/big%d' % n, 'wb') as f:
                        for _ in range(10):
                            f.write(b'x' * (1 << 20))
                print('wrote 100 MiB')
            except OSError as error:
                print('capped', error.errno)
            """
        for sandbox in [Sandboxes.detected, Sandboxes.warm] {
            let result = try await sandbox.get().run(program, limits: PythonLimits(wallTime: .seconds(20)))
            #expect(result.stdout == "[1, 2]\ncapped 28\n", "\(result.stdout) \(result.stderr)")
        }
    }

    /// memfd buffers escape `RLIMIT_AS`; SysV objects and keys outlive the process: all are refused, in every mode.
    @Test(arguments: Sandboxes.all) func memoryAndStateOutsideTheLimitsAreRefused(_ sandbox: Result<PythonSandbox, any Error>)
        async throws
    {
        let key = "proctor-door-\(UUID().uuidString.prefix(8))"
        let segmentsBefore = try Self.lines(of: "/proc/sysvipc/shm")
        let program = """
            import ctypes, os
            try:
                os.memfd_create('buffer')
                print('memfd made')
            except OSError as error:
                print('memfd refused', error.errno)
            libc = ctypes.CDLL(None, use_errno=True)
            print('shmget', libc.syscall(29, 0, 1 << 20, 0o1000 | 0o666), ctypes.get_errno())
            print('semget', libc.syscall(64, 0, 1, 0o1000 | 0o666), ctypes.get_errno())
            print('add_key', libc.syscall(248, b'user', b'\(key)', b'secret', 6, -2), ctypes.get_errno())
            print('mq_open', libc.syscall(240, b'proctor-door', 0o100 | 2, 0o600, 0), ctypes.get_errno())
            """
        let result = try await sandbox.get().run(program)
        #expect(result.stdout == "memfd refused 1\nshmget -1 1\nsemget -1 1\nadd_key -1 1\nmq_open -1 1\n", "\(result.stdout) \(result.stderr)")
        #expect(try Self.lines(of: "/proc/sysvipc/shm") == segmentsBefore)
        #expect(!(try String(contentsOfFile: "/proc/keys", encoding: .utf8)).contains(key))
    }

    @Test(.enabled(if: (try? Sandboxes.warm.get())?.isWarm == true, "no warm workers here"))
    func aWarmWorkerHandsTheNextSampleNothingOfTheLast() async throws {
        let sandbox = try Sandboxes.warm.get()
        let messy = """
            import os
            os.makedirs('/tmp/left/deep/er')
            for i in range(50):
                with open('/tmp/left/deep/er/f%d' % i, 'wb') as f:
                    f.write(b'x' * 4096)
            with open('/dev/shm/left', 'wb') as f:
                f.write(b'x')
            try:
                with open('/tmp/fill', 'wb') as f:
                    while True:
                        f.write(b'x' * (1 << 20))
            except OSError:
                pass
            os.chmod('/tmp/left/deep', 0)
            os.chmod('/tmp/left', 0)
            print('left a mess')
            """
        let first = try await sandbox.run(messy)
        #expect(first.stdout == "left a mess\n", "\(first.stderr)")
        let look = """
            import os
            print(sorted(n for n in os.listdir('/tmp') if not n.startswith('proctor-py-')), os.listdir('/dev/shm'))
            with open('/tmp/room', 'wb') as f:
                f.write(b'x' * (8 << 20))
            print('room')
            """
        for _ in 0..<3 {
            let next = try await sandbox.run(look)
            #expect(next.stdout == "[] []\nroom\n", "\(next.stdout) \(next.stderr)")
        }
        let failures = sandbox.warmFailures
        let deep = "import os\nos.chdir('/tmp')\nfor _ in range(1200):\n    os.mkdir('d')\n    os.chdir('d')\nprint('deep')\n"
        let deepRun = try await sandbox.run(deep)
        #expect(deepRun.stdout == "deep\n", "\(deepRun.stderr)")
        let after = try await sandbox.run(look)
        #expect(after.stdout == "[] []\nroom\n", "\(after.stdout) \(after.stderr)")
        #expect(sandbox.warmFailures == failures)
    }

    /// The process limit is counted per uid across the machine; each run has a uid of its own, so one sample's
    /// processes never count against another's.
    @Test(.enabled(if: Sandboxes.limitsProcesses, "the process limit is not enforced here (programs run as root)"))
    func oneSamplesProcessesDoNotCountAgainstAnothers() async throws {
        let hog = """
            import os, time
            try:
                for _ in range(100):
                    if os.fork() == 0:
                        time.sleep(3)
                        os._exit(0)
            except OSError:
                pass
            time.sleep(3)
            print('hogged')
            """
        let neighbour = "import subprocess, time\ntime.sleep(0.7)\nsubprocess.run(['true'], check=True)\nprint('ran')\n"
        for sandbox in [Sandboxes.warm, Sandboxes.detected] {
            let limits = PythonLimits(wallTime: .seconds(15), processes: 64)
            async let first = sandbox.get().run(hog, limits: limits)
            async let second = sandbox.get().run(neighbour, limits: limits)
            let (hogRun, neighbourRun) = try await (first, second)
            #expect(hogRun.stdout == "hogged\n", "\(hogRun.stderr)")
            #expect(neighbourRun.stdout == "ran\n", "\(neighbourRun.stderr)")
        }
    }

    static func lines(of path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
