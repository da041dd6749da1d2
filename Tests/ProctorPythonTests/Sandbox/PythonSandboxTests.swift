import Foundation
import Glibc
import ProctorPython
import Testing

@Suite("PythonSandbox")
struct PythonSandboxTests {
    @Test func detectsAnIsolationLevelAndDescribesIt() throws {
        let sandbox = try Sandboxes.detected.get()
        switch sandbox.isolation.level {
        case .namespaces: #expect(sandbox.isolation.description.hasPrefix("sandbox: namespaces"))
        case .processLimitsOnly:
            #expect(sandbox.isolation.description.hasPrefix("sandbox: process limits only (no namespaces): "))
        }
        let fallback = try Sandboxes.fallback.get()
        #expect(fallback.isolation.level == .processLimitsOnly)
        #expect(fallback.isolation.description.hasPrefix(
            "sandbox: process limits only (no namespaces): programs can read the host's files, write where their user"
                + " may, and reach its network and Unix sockets"))
        #expect(!fallback.isolation.description.contains("\n"))
        #expect(!sandbox.interpreter.contains("shims"))
        for isolation in [sandbox.isolation, fallback.isolation] {
            #expect(isolation.description.hasSuffix("could signal it") == !isolation.separatesFromHarness)
        }
    }

    /// As root without namespaces, the program still runs as another user when any interpreter lets it.
    @Test(.enabled(if: geteuid() == 0, "Proctor does not run as root here"))
    func theFallbackDropsRootWhereAnInterpreterAllows() async throws {
        let fallback = try Sandboxes.fallback.get()
        let result = try await fallback.run("import os\nprint(os.getuid())\n")
        if PythonSandboxTests.systemPythonExists || fallback.isolation.separatesFromHarness {
            #expect(fallback.isolation.separatesFromHarness)
            let uid = try #require(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(uid >= 1_000_000, "a uid of its own, not an account's")
        } else {
            #expect(result.stdout == "0\n")
        }
    }

    static let systemPythonExists = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    @Test(arguments: Sandboxes.all) func runsAProgramWithItsStdin(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let result = try await sandbox.get().run("name = input()\nprint('Hello,', name)\n", stdin: "Ada\n")
        #expect(result.status == .exited(0))
        #expect(result.stdout == "Hello, Ada\n")
        #expect(result.stderr == "")
        #expect(result.exceeded == nil)
        #expect(!result.stdoutTruncated)
    }

    @Test func programsCanUseTemporaryFiles() async throws {
        let program = "import tempfile\nwith tempfile.NamedTemporaryFile() as f:\n    f.write(b'ok')\n    f.flush()\n    print(open(f.name).read())\n"
        let result = try await Sandboxes.detected.get().run(program)
        #expect(result.stdout == "ok\n", "\(result.stderr)")
    }

    @Test func stdinIsEmptyByDefault() async throws {
        let result = try await Sandboxes.detected.get().run("input()\n")
        #expect(result.status == .exited(1))
        #expect(result.stderr.contains("EOFError"))
    }

    @Test(arguments: Sandboxes.all) func reportsExitStatusAndStderr(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let result = try await sandbox.get().run("import sys\nprint('bad', file=sys.stderr)\nsys.exit(3)\n")
        #expect(result.status == .exited(3))
        #expect(result.stderr == "bad\n")
        #expect(result.exceeded == nil)
    }

    @Test(arguments: Sandboxes.all) func leaksNoVariableOfTheHarness(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        setenv("PROCTOR_TEST_SECRET", "sk-do-not-leak-4711", 1)
        defer { unsetenv("PROCTOR_TEST_SECRET") }
        // A warm worker's sample is non-dumpable, so its own /proc entries are root's: it may not read them.
        let program = "import os\nprint(sorted(os.environ.items()))\ntry:\n    print(open('/proc/self/environ','rb').read())\n"
            + "except PermissionError:\n    print('hidden')\n"
        let result = try await sandbox.get().run(program)
        #expect(result.status == .exited(0))
        #expect(!result.stdout.contains("sk-do-not-leak-4711"))
        #expect(!result.stdout.contains("PROCTOR_TEST_SECRET"))
        #expect(!result.stdout.contains("HOME"))
    }

    @Test(arguments: Sandboxes.all) func givesEachRunAFreshScratchDirectoryAndRemovesIt(_ sandbox: Result<PythonSandbox, any Error>)
        async throws
    {
        let program = "import os\nprint(os.getcwd())\nprint(os.listdir('.'))\nopen('left-behind.txt', 'w').write('x')\n"
        let first = try await sandbox.get().run(program)
        let second = try await sandbox.get().run(program)
        let directories = [first, second].compactMap { $0.stdout.split(separator: "\n").first.map(String.init) }
        #expect(directories.count == 2)
        #expect(directories[0] != directories[1])
        #expect(second.stdout.contains("['program.py']"))
        for directory in directories {
            #expect(directory.hasPrefix("/tmp/proctor-py-"))
            #expect(!FileManager.default.fileExists(atPath: directory))
        }
    }

    @Test(arguments: Sandboxes.all) func endsAnEndlessLoopAtTheWallTimeLimit(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let limits = PythonLimits(wallTime: .seconds(1))
        let result = try await sandbox.get().run("while True:\n    pass\n", limits: limits)
        #expect(result.exceeded == .wallTime(.seconds(1)))
        #expect(result.exceeded?.reason == "timed out after 1 s")
        #expect(result.wallTime >= .milliseconds(900))
        #expect(result.wallTime < .seconds(10))
    }

    @Test func endsAnEndlessLoopThatIgnoresSignalsAtTheWallTimeLimit() async throws {
        let program = "import signal\nfor s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):\n    signal.signal(s, signal.SIG_IGN)\nwhile True:\n    pass\n"
        let result = try await Sandboxes.detected.get().run(program, limits: PythonLimits(wallTime: .seconds(1)))
        #expect(result.exceeded == .wallTime(.seconds(1)))
        #expect(result.wallTime < .seconds(10))
    }

    @Test func stopsCPUBurnAtTheCPULimit() async throws {
        let limits = PythonLimits(wallTime: .seconds(20), cpuSeconds: 1)
        let result = try await Sandboxes.detected.get().run("while True:\n    pass\n", limits: limits)
        #expect(result.exceeded == .cpuTime(seconds: 1))
        #expect(result.wallTime < .seconds(15))
    }

    @Test(arguments: Sandboxes.all) func stopsAMemoryHog(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let program = "chunks = []\nwhile True:\n    chunks.append(bytearray(64 << 20))\n"
        let result = try await sandbox.get().run(program, limits: PythonLimits(wallTime: .seconds(20)))
        #expect(result.exceeded == .memory(bytes: 1 << 30))
        #expect(result.exceeded?.reason == "memory limit 1 GiB exceeded")
    }

    @Test(arguments: Sandboxes.all) func capsAndDrainsAnOutputFloodThenEndsIt(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let limits = PythonLimits(wallTime: .seconds(30))
        let result = try await sandbox.get().run("while True:\n    print('x' * 1000)\n", limits: limits)
        #expect(result.exceeded == .output(bytes: 64 << 20))
        #expect(result.stdoutTruncated)
        #expect(result.stdout.utf8.count == 1 << 20)
        #expect(result.stdout.hasPrefix(String(repeating: "x", count: 1000) + "\n"))
    }

    @Test func capsStderrSeparately() async throws {
        let program = "import sys\nsys.stderr.write('e' * (3 << 20))\nprint('done')\n"
        let result = try await Sandboxes.detected.get().run(program)
        #expect(result.status == .exited(0))
        #expect(result.stderrTruncated)
        #expect(result.stderr.utf8.count == 1 << 20)
        #expect(result.stdout == "done\n")
        #expect(!result.stdoutTruncated)
        #expect(result.exceeded == nil)
    }

    @Test(arguments: Sandboxes.all) func stopsDiskFillingAtTheFileSizeLimit(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let program = "with open('big.bin', 'wb') as f:\n    while True:\n        f.write(b'x' * (1 << 20))\n"
        let limits = PythonLimits(wallTime: .seconds(20), fileSizeBytes: 4 << 20)
        let result = try await sandbox.get().run(program, limits: limits)
        #expect(result.exceeded == .fileSize(bytes: 4 << 20))
        #expect(result.wallTime < .seconds(15))
    }

    @Test(.enabled(if: Sandboxes.isolated, "the scratch directory is on the host disk without namespaces"))
    func stopsDiskFillingWithManyFilesAtTheScratchSpaceLimit() async throws {
        let program = """
            import sys
            directory = sys.stdin.read()
            i = 0
            while True:
                with open(f'{directory}/f{i}', 'wb') as f:
                    f.write(b'x' * (1 << 20))
                i += 1
            """
        let limits = PythonLimits(wallTime: .seconds(20), scratchBytes: 8 << 20)
        for directory in [".", "/tmp"] {
            let result = try await Sandboxes.detected.get().run(program, stdin: directory, limits: limits)
            #expect(result.exceeded == .scratchSpace(bytes: 8 << 20), "\(directory): \(result.stderr)")
            #expect(result.exceeded?.reason == "scratch space limit 8 MiB exceeded")
        }
    }

    @Test(arguments: Sandboxes.all) func leavesNoOrphansIncludingSetsidGrandchildrenThatIgnoreSIGTERM(
        _ sandbox: Result<PythonSandbox, any Error>
    ) async throws {
        let marker = "proctor-orphan-\(UUID().uuidString)"
        let program = """
            import os, signal, sys
            sleeper = [sys.executable, '-c', 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)', '\(marker)']
            if os.fork() == 0:
                os.execv(sys.executable, sleeper)
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    signal.signal(signal.SIGTERM, signal.SIG_IGN)
                    os.execv(sys.executable, sleeper)
                os._exit(0)
            import time
            time.sleep(0.5)
            print('parent leaving')
            """
        let result = try await sandbox.get().run(program)
        #expect(result.stdout == "parent leaving\n")
        #expect(processes(containing: marker) == [])
    }

    @Test(arguments: Sandboxes.all) func leavesNoOrphansAfterATimeout(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let marker = "proctor-orphan-\(UUID().uuidString)"
        let program = """
            import os, sys
            if os.fork() == 0:
                os.setsid()
                os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(60)', '\(marker)'])
            while True:
                pass
            """
        let result = try await sandbox.get().run(program, limits: PythonLimits(wallTime: .seconds(1)))
        #expect(result.exceeded == .wallTime(.seconds(1)))
        #expect(processes(containing: marker) == [])
    }

    /// Only sandboxes that separate programs from the harness: a program of the harness's own user, without a PID
    /// namespace, can kill it (and the description says so).
    @Test(.enabled(if: !Sandboxes.separated.isEmpty, "no sandbox here keeps programs from signalling the harness"),
          arguments: Sandboxes.separated)
    func cannotKillTheHarness(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let sandbox = try sandbox.get()
        let program = """
            import os, signal
            for target in (os.getppid(), int(input()), 1):
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError as error:
                    print(type(error).__name__)
            print('still here')
            """
        let result = try await sandbox.run(program, stdin: "\(getpid())\n")
        #expect(result.stdout.hasSuffix("still here\n"))
        let after = try await sandbox.run("print('next')\n")
        #expect(after.stdout == "next\n")
    }

    @Test(.enabled(if: Sandboxes.isolated, "no filesystem isolation on this machine"))
    func blocksWritesOutsideTheScratchDirectoryWhereIsolated() async throws {
        let sandbox = try Sandboxes.detected.get()
        let outside = ["/tmp/proctor-outside-\(UUID().uuidString)", "/var/tmp/proctor-outside-\(UUID().uuidString)"]
        let program = """
            import sys
            for path in sys.stdin.read().split():
                try:
                    open(path, 'w').write('escaped')
                    print('wrote', path)
                except OSError as error:
                    print('blocked', path, type(error).__name__)
            """
        let result = try await sandbox.run(program, stdin: outside.joined(separator: "\n"))
        #expect(result.stdout.contains("blocked /var/tmp/"))
        for path in outside { #expect(!FileManager.default.fileExists(atPath: path)) }
    }

    @Test(.enabled(if: Sandboxes.isolated, "no network isolation on this machine"))
    func hasNoNetworkWhereIsolated() async throws {
        let sandbox = try Sandboxes.detected.get()
        let program = """
            import socket
            try:
                socket.create_connection(('1.1.1.1', 53), timeout=2)
                print('connected')
            except OSError as error:
                print('offline', type(error).__name__)
            """
        let result = try await sandbox.run(program)
        #expect(result.stdout.hasPrefix("offline"))
    }

    @Test(.enabled(if: Sandboxes.limitsProcesses, "RLIMIT_NPROC is not enforced: the sandbox runs programs as root"))
    func enforcesTheProcessLimitWhereTheKernelDoes() async throws {
        let sandbox = try Sandboxes.detected.get()
        let program = """
            import os, time
            for _ in range(500):
                if os.fork() == 0:
                    time.sleep(30)
                    os._exit(0)
            """
        let limits = PythonLimits(wallTime: .seconds(10), processes: 32)
        let result = try await sandbox.run(program, limits: limits)
        #expect(result.exceeded == .processes(32))
        #expect(result.wallTime < .seconds(9))
    }

    @Test(.enabled(if: !Sandboxes.separated.isEmpty, "no sandbox here keeps programs from signalling the harness"),
          arguments: Sandboxes.separated)
    func keepsWorkingAfterHostilePrograms(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let sandbox = try sandbox.get()
        _ = try await sandbox.run("import os\nos.kill(os.getppid(), 9)\n")
        _ = try await sandbox.run("print('x' * 10_000_000)\n", limits: PythonLimits(capturedOutputBytes: 100, outputBytes: 1000))
        let result = try await sandbox.run("print(sum(range(10)))\n")
        #expect(result.status == .exited(0))
        #expect(result.stdout == "45\n")
    }
}

@Suite("PythonSandbox descriptors")
struct PythonSandboxDescriptorTests {
    @Test(arguments: Sandboxes.all) func inheritsNoDescriptorOfTheHarness(_ sandbox: Result<PythonSandbox, any Error>) async throws {
        let leaked = open("/dev/null", O_RDONLY)
        defer { close(leaked) }
        #expect(leaked > 2)
        let program = "import os\nprint(sorted(int(n) for n in os.listdir('/proc/self/fd')))\n"
        let result = try await sandbox.get().run(program)
        #expect(result.stdout == "[0, 1, 2, 3]\n")
    }
}
