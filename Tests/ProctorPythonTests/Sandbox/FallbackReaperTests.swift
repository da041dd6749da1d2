import Foundation
import Glibc
import ProctorPython
import Testing

/// The fallback sandbox (no namespaces) against daemons that leave the run's process group, session and
/// environment: its stub outlives the program as a subreaper and kills every descendant.
@Suite("PythonSandbox fallback reaper")
struct FallbackReaperTests {
    /// A host directory any uid can write to, the marker the daemon carries on its command line, and a program that
    /// starts the daemon (double fork, `setsid`, standard streams on `/dev/null`, exec with an empty environment),
    /// waits until it runs, then does `after`.
    struct Daemon {
        let directory = "/tmp/proctor-reaper-\(UUID().uuidString)"
        let marker = "proctor-daemon-\(UUID().uuidString)"

        var escaped: String { directory + "/escaped" }

        func create() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            chmod(directory, 0o777)
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: directory)
        }

        func program(after: String) -> String {
            """
            import os, sys, time
            daemon = '''
            import sys, time
            open(sys.argv[1] + '/alive', 'w').close()
            time.sleep(3)
            open(sys.argv[1] + '/escaped', 'w').write('outlived the run')
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

        /// Expects no process with the marker now, and no write from the daemon after it would have woken.
        func expectGone() async throws {
            #expect(processes(containing: marker) == [])
            try await Task.sleep(for: .seconds(4))
            #expect(!FileManager.default.fileExists(atPath: escaped), "a daemon outlived the run and wrote to the host")
            #expect(processes(containing: marker) == [])
        }
    }

    @Test func killsADaemonThatLeftTheGroupAndTheEnvironmentWhenTheProgramExits() async throws {
        let daemon = Daemon()
        try daemon.create()
        defer { daemon.remove() }
        let result = try await Sandboxes.fallback.get().run(daemon.program(after: "os._exit(0)"))
        #expect(result.stdout == "daemon running\n", "\(result.stderr)")
        #expect(result.status == .exited(0))
        try await daemon.expectGone()
    }

    @Test func killsADaemonThatLeftTheGroupAndTheEnvironmentAtTheWallTimeLimit() async throws {
        let daemon = Daemon()
        try daemon.create()
        defer { daemon.remove() }
        let limits = PythonLimits(wallTime: .seconds(1))
        let result = try await Sandboxes.fallback.get().run(daemon.program(after: "while True:\n    pass"), limits: limits)
        #expect(result.stdout == "daemon running\n", "\(result.stderr)")
        #expect(result.exceeded == .wallTime(.seconds(1)))
        #expect(result.wallTime < .seconds(3))
        try await daemon.expectGone()
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
