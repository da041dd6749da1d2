import Foundation
import Glibc
import ProctorPython
import Testing

/// The fallback sandbox (no namespaces) against daemons that leave the run's process group, session and
/// environment: its stub outlives the program as a subreaper and kills every descendant.
@Suite("PythonSandbox fallback reaper")
struct FallbackReaperTests {
    /// A daemon started the way one detaches (double fork, `setsid`, standard streams on `/dev/null`, exec with an
    /// empty environment) that first creates `alive` in a host directory any uid can write to, then runs `body`.
    struct Daemon {
        let body: String
        let directory = "/tmp/proctor-reaper-\(UUID().uuidString)"
        /// On the daemon's command line, and so on its forks'.
        let marker = "proctor-daemon-\(UUID().uuidString)"

        /// Sleeps 3 s, then writes `escaped`.
        static let sleeper = Daemon(body: "time.sleep(3)\nopen(sys.argv[1] + '/escaped', 'w').write('outlived the run')")
        /// Forks and exits in a loop, each child in a new session: a process that is never the same for long.
        static let chain = Daemon(body: "while True:\n    if os.fork():\n        os._exit(0)\n    os.setsid()")
        /// Forks until the process limit refuses, and again whenever a slot frees.
        static let bomb = Daemon(body: "while True:\n    try:\n        os.fork()\n    except OSError:\n        pass")

        var escaped: String { directory + "/escaped" }

        func create() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            chmod(directory, 0o777)
        }

        /// Removes the directory and, should a test fail, what is left of the daemon.
        func remove() {
            killAll(containing: marker)
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// A program that starts the daemon, waits until it runs, prints whether it does, then does `after`.
        func program(after: String) -> String {
            """
            import os, sys, time
            daemon = '''
            import os, sys, time
            open(sys.argv[1] + '/alive', 'w').close()
            \(body)
            '''
            if os.fork() == 0:
                os.setsid()
                null = os.open('/dev/null', os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                if os.fork() == 0:
                    os.execve(sys.executable, [sys.executable, '-c', daemon, '\(directory)', '\(marker)'], {})
                os._exit(0)
            for _ in range(300):
                if os.path.exists('\(directory)/alive'):
                    break
                time.sleep(0.01)
            print('daemon running' if os.path.exists('\(directory)/alive') else 'no daemon')
            sys.stdout.flush()
            \(after)
            """
        }
    }

    static let exits = "os._exit(0)"
    static let loops = "while True:\n    pass"

    @Test func killsASleepingDaemonWhenTheProgramExits() async throws {
        let daemon = Daemon.sleeper
        try daemon.create()
        defer { daemon.remove() }
        let result = try await Sandboxes.fallback.get().run(daemon.program(after: Self.exits))
        #expect(result.stdout == "daemon running\n", "\(result.stderr)")
        #expect(result.status == .exited(0))
        #expect(processes(containing: daemon.marker) == [])
        try await Task.sleep(for: .seconds(4))
        #expect(!FileManager.default.fileExists(atPath: daemon.escaped), "a daemon outlived the run and wrote to the host")
    }

    @Test func killsASleepingDaemonAtTheWallTimeLimit() async throws {
        let daemon = Daemon.sleeper
        try daemon.create()
        defer { daemon.remove() }
        let limits = PythonLimits(wallTime: .seconds(1))
        let result = try await Sandboxes.fallback.get().run(daemon.program(after: Self.loops), limits: limits)
        #expect(result.stdout == "daemon running\n", "\(result.stderr)")
        #expect(result.exceeded == .wallTime(.seconds(1)))
        #expect(result.wallTime < .seconds(3))
        #expect(processes(containing: daemon.marker) == [])
        try await Task.sleep(for: .seconds(4))
        #expect(!FileManager.default.fileExists(atPath: daemon.escaped), "a daemon outlived the run and wrote to the host")
    }

    /// A fork-and-exit chain and a fork bomb, each detached like a daemon, after the program exits and at the
    /// wall-time limit. The bomb is held to 24 processes of the sandbox's uid (shared with other runs).
    @Test(arguments: [("chain", Self.exits), ("chain", Self.loops), ("bomb", Self.exits), ("bomb", Self.loops)])
    func killsADaemonThatKeepsForking(_ kind: String, _ after: String) async throws {
        let daemon = kind == "chain" ? Daemon.chain : Daemon.bomb
        try daemon.create()
        defer { daemon.remove() }
        let limits = PythonLimits(wallTime: .seconds(1), processes: 24)
        let result = try await Sandboxes.fallback.get().run(daemon.program(after: after), limits: limits)
        #expect(result.stdout == "daemon running\n", "\(result.stderr)")
        #expect(result.wallTime < .seconds(3))
        #expect(processes(containing: daemon.marker) == [])
        try await Task.sleep(for: .milliseconds(300))
        #expect(processes(containing: daemon.marker) == [])
    }

    @Test func passesTheProgramsDeathBySignalThrough() async throws {
        let fallback = try Sandboxes.fallback.get()
        let killed = try await fallback.run("import os, signal\nos.kill(os.getpid(), signal.SIGUSR1)\n")
        #expect(killed.status == .signaled(SIGUSR1))
        let limits = PythonLimits(wallTime: .seconds(20), cpuSeconds: 1)
        let burnt = try await fallback.run("while True:\n    pass\n", limits: limits)
        #expect(burnt.exceeded == .cpuTime(seconds: 1))
        #expect(burnt.wallTime < .seconds(15))
    }

    @Test func keepsTheExitStatusAndOutputOfAProgramWhoseChildrenLinger() async throws {
        let program = """
            import os, sys, time
            if os.fork() == 0:
                time.sleep(30)
                os._exit(0)
            print('out')
            print('err', file=sys.stderr)
            sys.exit(7)
            """
        let result = try await Sandboxes.fallback.get().run(program, limits: PythonLimits(wallTime: .seconds(10)))
        #expect(result.status == .exited(7))
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        #expect(result.exceeded == nil)
        #expect(result.wallTime < .seconds(3))
    }
}
