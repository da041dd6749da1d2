/// The resources one sandboxed run may use.
public struct PythonLimits: Sendable, Hashable {
    /// Wall-clock time until the run is killed.
    public var wallTime: Duration
    /// CPU seconds (`RLIMIT_CPU`); the kernel kills the process past it.
    public var cpuSeconds: Int
    /// Address space per process in bytes (`RLIMIT_AS`).
    public var memoryBytes: Int
    /// Processes (`RLIMIT_NPROC`), counted for the sandbox's user across the machine.
    ///
    /// Enforced only where the run does not keep root's uid; see ``SandboxIsolation/enforcesProcessLimit``.
    public var processes: Int
    /// Size of any one file the run writes, in bytes (`RLIMIT_FSIZE`).
    public var fileSizeBytes: Int
    /// Open file descriptors per process (`RLIMIT_NOFILE`); at least 32.
    public var openFiles: Int
    /// Space in the scratch directory and in `/tmp`, each, where they are private tmpfs mounts (namespaces).
    public var scratchBytes: Int
    /// Bytes of stdout, and separately of stderr, kept in the result; the rest is drained and dropped.
    public var capturedOutputBytes: Int
    /// Bytes stdout and stderr may write together before the run is killed.
    public var outputBytes: Int

    public init(
        wallTime: Duration = .seconds(5),
        cpuSeconds: Int = 10,
        memoryBytes: Int = 1 << 30,
        processes: Int = 64,
        fileSizeBytes: Int = 16 << 20,
        openFiles: Int = 256,
        scratchBytes: Int = 64 << 20,
        capturedOutputBytes: Int = 1 << 20,
        outputBytes: Int = 64 << 20
    ) {
        self.wallTime = wallTime
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.processes = processes
        self.fileSizeBytes = fileSizeBytes
        self.openFiles = openFiles
        self.scratchBytes = scratchBytes
        self.capturedOutputBytes = capturedOutputBytes
        self.outputBytes = outputBytes
    }
}
