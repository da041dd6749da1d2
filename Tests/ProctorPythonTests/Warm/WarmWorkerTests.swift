import Foundation
import ProctorPython
import Testing

/// Warm workers: forks of a long-lived interpreter in a long-lived bubblewrap sandbox.
@Suite(.enabled(if: Sandboxes.isolated, "warm workers need bubblewrap"))
struct WarmWorkerTests {
    @Test func areUsedWhereBubblewrapIs() throws {
        #expect(try Sandboxes.warm.get().isWarm)
        #expect(try !Sandboxes.detected.get().isWarm)
    }

    /// Workers start on short-lived threads; a worker tied to its thread would die with it and each run go cold.
    @Test func keepServingAfterTheThreadsThatStartedThemEnd() async throws {
        let sandbox = try PythonSandbox(warmWorkers: 3)
        let outcomes = try await withThrowingTaskGroup(of: PythonTestOutcome.self) { group in
            for index in 0..<30 {
                group.addTask {
                    try await sandbox.runTests(
                        program: "def f():\n    return \(index)\n", tests: "assert f() == \(index)\n").outcome
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 30)
        #expect(outcomes.allSatisfy { $0 == .passed })
        #expect(sandbox.warmFailures == 0)
    }

    /// A daemon that escaped with `setsid`, made itself non-dumpable and left files in `/tmp` is gone before the
    /// worker's next sample.
    @Test func nothingOfASampleReachesTheNext() async throws {
        let sandbox = try PythonSandbox(warmWorkers: 1)
        let first = """
            import ctypes, os, time
            open('/tmp/left-behind', 'w').write('x')
            os.mkdir('nested')
            open('nested/file', 'w').write('x')
            if os.fork() == 0:
                os.setsid()
                ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)
                time.sleep(60)
                os._exit(0)
            print('started')
            """
        let started = try await sandbox.run(first)
        #expect(started.stdout == "started\n")
        let second = """
            import os
            me = os.getpid()
            others = []
            for name in os.listdir('/proc'):
                if name.isdigit() and int(name) != me:
                    with open('/proc/%s/status' % name) as f:
                        uid = [line.split()[1] for line in f if line.startswith('Uid:')][0]
                    if uid == str(os.getuid()):
                        others.append(name)
            print('others', others)
            print('tmp', sorted(os.listdir('/tmp')) == [os.path.basename(os.getcwd())])
            """
        let check = try await sandbox.run(second)
        #expect(check.stdout == "others []\ntmp True\n", "\(check.stderr)")
        #expect(sandbox.warmFailures == 0)
    }
}
