import Foundation
import Glibc

/// Runs Python programs one process tree at a time, each in a fresh scratch directory, under limits.
///
/// Nothing of the harness's environment reaches the program; when a run ends every process it started is gone.
/// The isolation is detected once, at initialisation, by trying bubblewrap with a trivial program.
///
/// Creating one ignores SIGPIPE process-wide. With warm workers, each run is a fork of a long-lived interpreter inside a long-lived bubblewrap sandbox
/// instead of a fresh interpreter in a fresh sandbox; a worker that fails is replaced and the run retried cold.
public struct PythonSandbox: Sendable {
    /// The interpreter runs exec: `sys.executable` of the resolved `python3`, or, where only it can run as the
    /// unprivileged uid without namespaces, the system's `/usr/bin/python3`.
    public let interpreter: String
    public let isolation: SandboxIsolation
    let plan: LaunchPlan
    let pool: WorkerPool?

    /// Whether runs are forks of warm workers.
    public var isWarm: Bool { pool != nil }

    /// How many runs a warm worker failed (each was then run cold, and the worker replaced).
    public var warmFailures: Int { pool?.failures ?? 0 }

    /// How many warm workers were replaced because a sample left something behind in them.
    public var warmReplacements: Int { pool?.replaced ?? 0 }

    /// Resolves `python` once and detects the strongest isolation that works here; blocks for about 100 ms.
    ///
    /// - Parameters:
    ///   - python: a path, or a name looked up on the harness's PATH.
    ///   - allowNamespaces: false skips bubblewrap, to use (or test) the fallback.
    ///   - warmWorkers: most warm workers kept at once; 0, or isolation without bubblewrap and a uid to drop to,
    ///     starts a fresh interpreter per run.
    public init(python: String = "python3", allowNamespaces: Bool = true, warmWorkers: Int = 0) throws {
        // A child that dies while the harness writes to it must give EPIPE, not kill the harness with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let resolved = try PythonInterpreter.resolve(python)
        let root = geteuid() == 0
        var candidates: [LaunchPlan] = []
        let unprivileged: UInt32? = root ? 65534 : nil
        let bubblewrap = allowNamespaces ? PythonInterpreter.lookUp("bwrap") : nil
        if let bubblewrap {
            candidates.append(
                LaunchPlan(
                    interpreter: resolved.executable, bubblewrap: bubblewrap, uid: unprivileged,
                    interpreterPaths: resolved.neededPaths))
        }
        candidates.append(LaunchPlan(interpreter: resolved.executable, bubblewrap: nil, uid: unprivileged, interpreterPaths: resolved.neededPaths))
        // Without namespaces an unprivileged uid cannot reach an interpreter under /root (pyenv): the system's may do.
        if root, let system = PythonInterpreter.systemPython, system != resolved.executable {
            candidates.append(LaunchPlan(interpreter: system, bubblewrap: nil, uid: unprivileged, interpreterPaths: resolved.neededPaths))
        }
        if root {
            if let bubblewrap {
                candidates.insert(
                    LaunchPlan(interpreter: resolved.executable, bubblewrap: bubblewrap, uid: nil, interpreterPaths: resolved.neededPaths),
                    at: 1)
            }
            candidates.append(LaunchPlan(interpreter: resolved.executable, bubblewrap: nil, uid: nil, interpreterPaths: resolved.neededPaths))
        }
        var failures: [String] = []
        for candidate in candidates {
            if let failure = Self.probe(candidate) {
                failures.append(failure)
                continue
            }
            self.interpreter = candidate.interpreter
            self.plan = candidate
            self.isolation = SandboxIsolation(
                level: candidate.level, enforcesProcessLimit: !(root && candidate.uid == nil),
                separatesFromHarness: candidate.bubblewrap != nil || candidate.uid != nil)
            self.pool = warmWorkers > 0 ? Self.warmPool(candidate, capacity: warmWorkers) : nil
            return
        }
        throw PythonSandboxError("cannot run \(resolved.executable) in any sandbox: \(failures.joined(separator: "; "))")
    }

    /// Runs `source` as `program.py` with `stdin` as its standard input.
    public func run(_ source: String, stdin: String = "", limits: PythonLimits = PythonLimits()) async throws
        -> PythonExecution
    {
        let (outcome, namespaces) = try await execute(limits: limits) { worker in
            try worker.serve(mode: "run", nonce: "", program: source, tests: "", stdin: stdin, limits: limits, lint: false)
        } cold: { plan in
            try SandboxRun(plan: plan, limits: limits).execute(
                files: [("program.py", source)], stdin: stdin, python: ["program.py"], channel: nil)
        }
        return Self.execution(outcome, limits: limits, namespaces: namespaces)
    }

    /// Runs on a warm worker when there are any, else (or when the worker fails) cold; off the cooperative pool.
    ///
    /// Also returns whether exit statuses come through bubblewrap, which reports a death by signal n as 128 + n.
    func execute(
        limits: PythonLimits, warm: @escaping @Sendable (WarmWorker) throws -> Supervision.Outcome,
        cold: @escaping @Sendable (LaunchPlan) throws -> Supervision.Outcome
    ) async throws -> (Supervision.Outcome, namespaces: Bool) {
        let plan = plan
        let pool = pool
        return try await Self.offThread {
            if let pool, let outcome = try? pool.withWorker(scratchBytes: limits.scratchBytes, warm) {
                return (outcome, false)
            }
            return (try cold(plan.withOwnUID()), plan.bubblewrap != nil)
        }
    }

    /// A pool for `plan` whose first worker runs a trivial program correctly, or nil.
    static func warmPool(_ plan: LaunchPlan, capacity: Int) -> WorkerPool? {
        guard plan.workerCommand(scratchBytes: PythonLimits().scratchBytes) != nil else { return nil }
        let pool = WorkerPool(plan: plan, capacity: capacity)
        let limits = PythonLimits(wallTime: .seconds(10))
        let outcome = try? pool.withWorker(scratchBytes: limits.scratchBytes) {
            try $0.serve(mode: "run", nonce: "", program: "print('proctor-probe')\n", tests: "", stdin: "",
                         limits: limits, lint: false)
        }
        return outcome?.waitStatus == 0 && outcome?.stdout.text == "proctor-probe\n" ? pool : nil
    }

    /// Nil when `plan` runs a trivial program correctly, else why not.
    static func probe(_ plan: LaunchPlan) -> String? {
        let source = "import os\nprint('proctor-probe', os.getuid())\n"
        do {
            let outcome = try SandboxRun(plan: plan, limits: PythonLimits(wallTime: .seconds(10))).execute(
                files: [("program.py", source)], stdin: "", python: ["program.py"], channel: nil)
            let expected = "proctor-probe \(plan.uid.map(String.init) ?? String(geteuid()))\n"
            if outcome.waitStatus == 0, outcome.stdout.text == expected { return nil }
            return "\(plan.bubblewrap ?? "direct") uid \(plan.uid.map(String.init) ?? "unchanged"): "
                + outcome.stderr.text.split(separator: "\n").suffix(1).joined()
        } catch {
            return "\(error)"
        }
    }

    static func execution(_ outcome: Supervision.Outcome, limits: PythonLimits, namespaces: Bool) -> PythonExecution {
        let status = Self.status(outcome.waitStatus, namespaces: namespaces)
        return PythonExecution(
            status: status, stdout: outcome.stdout.text, stderr: outcome.stderr.text,
            stdoutTruncated: outcome.stdout.truncated, stderrTruncated: outcome.stderr.truncated,
            wallTime: outcome.elapsed,
            exceeded: outcome.exceeded ?? Self.kernelLimit(status: status, stderr: outcome.stderr.text, limits: limits))
    }

    /// Decodes a wait status; bubblewrap reports a child's death by signal n as exit status 128 + n.
    static func status(_ waitStatus: Int32, namespaces: Bool) -> PythonExecution.Status {
        let signal = waitStatus & 0x7f
        if signal != 0 { return .signaled(signal) }
        let code = (waitStatus >> 8) & 0xff
        if namespaces, code > 128, code < 128 + 65 { return .signaled(code - 128) }
        return .exited(code)
    }

    /// The rlimit behind a death by signal or the last line of a traceback, if any.
    static func kernelLimit(status: PythonExecution.Status, stderr: String, limits: PythonLimits) -> PythonLimit? {
        if case .signaled(let signal) = status {
            if signal == SIGXCPU { return .cpuTime(seconds: limits.cpuSeconds) }
            if signal == SIGXFSZ { return .fileSize(bytes: limits.fileSizeBytes) }
        }
        guard case .exited(let code) = status, code != 0,
            let last = stderr.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return nil }
        return limit(forException: String(last), limits: limits)
    }

    /// The limit an exception line (`MemoryError`, `OSError: [Errno 27] File too large`) reports, if any.
    static func limit(forException line: String, limits: PythonLimits) -> PythonLimit? {
        if line.hasPrefix("MemoryError") || line.contains("[Errno 12] Cannot allocate memory") {
            return .memory(bytes: limits.memoryBytes)
        }
        if line.contains("[Errno 27] File too large") { return .fileSize(bytes: limits.fileSizeBytes) }
        if line.contains("[Errno 28] No space left on device") { return .scratchSpace(bytes: limits.scratchBytes) }
        if line.contains("[Errno 24] Too many open files") { return .openFiles(limits.openFiles) }
        if line.hasPrefix("BlockingIOError: [Errno 11] Resource temporarily unavailable") {
            return .processes(limits.processes)
        }
        return nil
    }

    /// Runs blocking work on a Dispatch thread, off the cooperative pool.
    ///
    /// Dispatch reuses its threads, so a run does not pay for a new thread's stack; callers bound how many wait
    /// at once (the runner's `--jobs`).
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
