/// How runs are started on this machine: under bubblewrap or directly, and as which uid.
struct LaunchPlan: Sendable, Hashable {
    var interpreter: String
    /// The `bwrap` executable, or nil to start the stub directly.
    var bubblewrap: String?
    /// The uid (and gid) the program runs as, or nil to keep the harness's.
    var uid: UInt32?
    /// Real paths of the interpreter outside the system directories, bound read-only under bubblewrap.
    var interpreterPaths: [String]

    var level: SandboxIsolation.Level { bubblewrap == nil ? .processLimitsOnly : .namespaces }

    /// The uids runs are given: far above any account's, one drawn at random per run or warm worker.
    static let ownUIDs: ClosedRange<UInt32> = 1_000_000...1_999_999_999

    /// This plan with a uid of its own, when it drops privileges at all.
    ///
    /// The kernel counts `RLIMIT_NPROC` per uid across the machine: runs sharing one uid (65534) could use up
    /// each other's processes — a fork bomb in one sample failing another sample's correct answer.
    func withOwnUID() -> LaunchPlan {
        guard uid != nil else { return self }
        var copy = self
        copy.uid = UInt32.random(in: Self.ownUIDs)
        return copy
    }

    /// The executable, arguments and environment that run `python` (interpreter arguments after `-I`) in `scratch`.
    ///
    /// Under bubblewrap `scratch` is a fresh tmpfs of ``PythonLimits/scratchBytes`` holding copies of `files`,
    /// read from the child's descriptors; without it the host directory itself. Without a PID namespace the stub
    /// stays as the run's supervisor, and `marker` goes into the environment so the survivor sweep can find
    /// processes that left the group.
    func command(
        scratch: String, files: [(name: String, descriptor: Int32)], limits: PythonLimits, python: [String],
        marker: String
    )
        -> (executable: String, arguments: [String], environment: [String])
    {
        let stub = [interpreter] + ExecStub.arguments(
                interpreter: interpreter, limits: limits, uid: uid, directory: scratch, python: python,
                supervising: bubblewrap == nil)
        let environment = ["PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"]
        guard let bubblewrap else {
            return (interpreter, Array(stub.dropFirst()), environment + ["\(SurvivorSweep.markerName)=\(marker)"])
        }
        // Without a user namespace root keeps a real uid the stub can drop; with one (unprivileged harness),
        // the kernel already enforces RLIMIT_NPROC.
        let namespaces =
            uid == nil
            ? ["--unshare-all"]
            : ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
        let capabilities = uid == nil ? [] : ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        let arguments =
            namespaces + ["--die-with-parent", "--new-session", "--cap-drop", "ALL"] + capabilities
            + SandboxMounts.readOnly(interpreterPaths: interpreterPaths)
            + SandboxMounts.privateFileSystems(bytes: limits.scratchBytes)
            + ["--size", String(limits.scratchBytes), "--perms", "0777", "--tmpfs", scratch]
            + files.flatMap { ["--perms", "0644", "--file", String($0.descriptor), scratch + "/" + $0.name] }
            + ["--chdir", scratch, "--clearenv"]
            + ["--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LC_ALL", "C.UTF-8", "--"] + stub
        return (bubblewrap, arguments, environment)
    }

    /// The bubblewrap command of a warm worker: the fork server as root (keeping only the capabilities to change
    /// uid) in its own namespaces, with a private `/tmp` of `scratchBytes` for the samples' scratch directories.
    ///
    /// No `--die-with-parent`: its signal comes when the *thread* that started bubblewrap ends, and workers outlive
    /// the thread that starts them. The server leaves instead when its request pipe closes, which the harness's
    /// death also does, and the PID namespace takes every sample process with it.
    func workerCommand(scratchBytes: Int) -> (executable: String, arguments: [String], environment: [String])? {
        guard let bubblewrap, let uid else { return nil }
        let arguments =
            ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
            + ["--new-session", "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
            + SandboxMounts.readOnly(interpreterPaths: interpreterPaths)
            + SandboxMounts.privateFileSystems(bytes: scratchBytes)
            + ["--chdir", "/tmp", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LC_ALL", "C.UTF-8"]
            + ["--", interpreter, "-I", "-c", ForkServerScript.loader, String(uid)] + ForkServerScript.pieces
        return (bubblewrap, arguments, ["PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"])
    }
}
