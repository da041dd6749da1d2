/// How strongly this machine isolates sandboxed runs, as detected at run time.
public struct SandboxIsolation: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, Codable {
        /// bubblewrap: own PID space, no network, read-only host, only the scratch directory writable.
        case namespaces
        /// Resource limits and the seccomp filter; a supervisor that kills every process the run started, then a
        /// process-group kill and a survivor sweep. The host's files, network and sockets stay reachable.
        case processLimitsOnly
    }

    public var level: Level
    /// Whether ``PythonLimits/processes`` is enforced by the kernel (it is not for a program running as root).
    public var enforcesProcessLimit: Bool
    /// Whether programs cannot signal Proctor: they have their own PID namespace or another uid.
    public var separatesFromHarness: Bool

    public init(level: Level, enforcesProcessLimit: Bool, separatesFromHarness: Bool) {
        self.level = level
        self.enforcesProcessLimit = enforcesProcessLimit
        self.separatesFromHarness = separatesFromHarness
    }

    /// One line for the console and the JUnit properties.
    public var description: String {
        let base =
            switch level {
            case .namespaces:
                "sandbox: namespaces (own PID space, no network, read-only host, only the scratch directory writable)"
            case .processLimitsOnly:
                "sandbox: process limits only (no namespaces): programs can read the host's files, write where their"
                    + " user may, and reach its network and Unix sockets"
            }
        var line = enforcesProcessLimit ? base : base + "; process limit not enforced (runs as root)"
        if !separatesFromHarness { line += "; programs run as Proctor's own user and could signal it" }
        return line
    }
}
