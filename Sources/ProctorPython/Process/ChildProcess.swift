import Glibc

/// A child started with `posix_spawn` as the leader of its own process group.
///
/// The child gets an empty signal mask and default dispositions whatever thread starts it (Foundation's
/// `Process` hands down the caller's blocked mask), so SIGTERM and `signal.alarm` behave normally inside.
struct ChildProcess {
    let pid: pid_t

    /// Starts `executable` with exactly `environment`, and `descriptors` mapped from the parent's fd to the child's.
    ///
    /// Every descriptor above the highest mapped one is closed in the child, inheritable or not.
    static func spawn(
        executable: String, arguments: [String], environment: [String], descriptors: [(parent: Int32, child: Int32)]
    ) throws -> ChildProcess {
        // Stage each parent fd above every child number, so a dup2 never lands on a source still needed.
        var staged: [Int32] = []
        defer { staged.forEach { close($0) } }
        for mapping in descriptors {
            let copy = fcntl(mapping.parent, F_DUPFD_CLOEXEC, 1024)
            guard copy >= 0 else { throw PythonSandboxError("cannot duplicate a descriptor: \(errnoText())") }
            staged.append(copy)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (copy, mapping) in zip(staged, descriptors) {
            posix_spawn_file_actions_adddup2(&actions, copy, mapping.child)
        }
        // Descriptors the harness's host left inheritable (a test runner's pipes) must not reach the child.
        let firstUnmapped = (descriptors.map(\.child).max() ?? 2) + 1
        guard addCloseFrom(&actions, firstUnmapped) == 0 else {
            throw PythonSandboxError("cannot arrange to close inherited descriptors: \(errnoText())")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw PythonSandboxError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid)
    }

    /// SIGKILL to the child's whole process group.
    func killGroup() {
        kill(-pid, SIGKILL)
    }

    /// Whether the child has ended, without reaping it: its pid, and so its group id, stays reserved until ``wait()``.
    func hasEnded() -> Bool {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) < 0 {
            if errno != EINTR { return true }
        }
        return info._sifields._kill.si_pid == pid
    }

    /// Waits for the child to end and returns its wait status.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return status
    }
}

func errnoText() -> String {
    String(cString: strerror(errno))
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which the Glibc module does not export.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32
