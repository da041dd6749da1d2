/// The Python stub that applies a run's limits and the seccomp filter, drops to the sandbox uid and execs the
/// interpreter; without a PID namespace it stays behind as the run's supervisor.
///
/// Run as `python -I -S -c <source> CPU AS NPROC FSIZE NOFILE UID DIRECTORY -- EXECUTABLE ARGS...`; a UID of -1
/// keeps the current one. Limits are capped at the current hard limits so an unprivileged harness can still lower them.
///
/// The supervisor (``supervisingSource``) makes itself the child subreaper, forks, and the child does what the plain
/// stub does. The parent keeps its uid (root when Proctor runs as root, so a program of its unprivileged uid cannot signal it),
/// waits for the child, then kills every process left below it: orphans, `setsid` daemons included, reparent to it
/// whatever their group, session or environment. It ends with the child's wait status (exit code, or the same
/// signal raised on itself). SIGTERM makes it kill the child and clean up at once.
enum ExecStub {
    static let source = SeccompFilter.python + launch + "_proctor_launch(sys.argv[1:])\n"

    static let supervisingSource = SeccompFilter.python + launch + supervisor + "_proctor_supervise(sys.argv[1:])\n"

    /// `_proctor_launch(arguments)`: limits, seccomp filter, uid, directory, exec.
    private static let launch = """
        import os, resource, sys
        def _proctor_launch(a):
            cpu, mem, nproc, fsize, nofile, uid = (int(x) for x in a[:6])
            R = resource
            for r, v in ((R.RLIMIT_CORE, 0), (R.RLIMIT_CPU, cpu), (R.RLIMIT_AS, mem), (R.RLIMIT_NPROC, nproc),
                         (R.RLIMIT_FSIZE, fsize), (R.RLIMIT_NOFILE, nofile)):
                hard = R.getrlimit(r)[1]
                if hard != R.RLIM_INFINITY:
                    v = min(v, hard)
                R.setrlimit(r, (v, v + 1 if r == R.RLIMIT_CPU and hard == R.RLIM_INFINITY else v))
            program = _proctor_seccomp_program()
            if program is not None:
                import ctypes
                address, kept = _proctor_seccomp_prepare(program)
                prctl = ctypes.CDLL(None, use_errno=True).prctl
                prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4
                _proctor_seccomp_install(address, prctl)
            if uid >= 0:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
            os.chdir(a[6])
            os.execv(a[8], a[8:])

        """

    /// `_proctor_supervise(arguments)`. SIGTERM and SIGCHLD stay blocked in the parent and are taken with
    /// `sigwaitinfo`, so no handler runs and no signal is lost between fork and wait.
    ///
    /// Descendants are found by parent pid in `/proc/*/stat` (`/proc/PID/task/TID/children` needs a kernel option
    /// that kernels like this machine's lack). Killing one at a time loses to a fork bomb: each death frees a slot
    /// of `RLIMIT_NPROC` that a live one fills. So each scan stops every descendant the moment it sees it, newest
    /// first (a fork-and-exit chain moves on within a millisecond), and kills those the scan before had stopped:
    /// any child they made was already there for this scan to stop.
    private static let supervisor = """
        import _signal as signal  # the module, not its enum wrapper: importing enum costs ~3 ms per run
        def _proctor_stop_descendants():
            '''Stops every process below this one, each as soon as it is seen, newest first: {pid: parent pid}.'''
            me, found, below = os.getpid(), {}, {}
            for pid in sorted((int(entry) for entry in os.listdir('/proc') if entry.isdigit()), reverse=True):
                try:
                    with open('/proc/%d/stat' % pid, 'rb') as f:
                        parent = int(f.read().rsplit(b')', 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                if parent == me or parent in found:
                    _proctor_signal((pid,), signal.SIGSTOP)
                    found[pid] = parent
                else:
                    below.setdefault(parent, []).append(pid)
            pending = list(found)
            while pending:
                parent = pending.pop()
                for pid in below.get(parent, ()):
                    _proctor_signal((pid,), signal.SIGSTOP)
                    found[pid] = parent
                    pending.append(pid)
            return found


        def _proctor_signal(pids, number):
            for pid in pids:
                try:
                    os.kill(pid, number)
                except OSError:
                    pass


        def _proctor_clean(child, status):
            '''Stops, kills and reaps every process below this one: the wait status of `child` if it ended, else `status`.'''
            me, stopped = os.getpid(), {}
            for _ in range(300):
                status, remaining = _proctor_collect(child, status)
                if not remaining:
                    return status
                found = _proctor_stop_descendants()
                # What was stopped a scan ago had made all its children before this scan, which stopped them.
                doomed = [pid for pid in found if pid in stopped]
                _proctor_signal(doomed, signal.SIGKILL)
                for pid in doomed:
                    if found[pid] == me:
                        try:
                            _, ended = os.waitpid(pid, 0)
                        except ChildProcessError:
                            continue
                        if pid == child:
                            status = ended
                stopped = found
            _proctor_signal(stopped, signal.SIGKILL)
            return _proctor_collect(child, status)[0]


        def _proctor_collect(child, status):
            '''Reaps every ended child: (the wait status of `child` if it ended, else `status`; whether any remain).'''
            while True:
                try:
                    pid, ended = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    return status, False
                if pid == 0:
                    return status, True
                if pid == child:
                    status = ended


        def _proctor_end(status):
            if os.WIFSIGNALED(status):
                number = os.WTERMSIG(status)
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                try:
                    signal.signal(number, signal.SIG_DFL)
                except (OSError, ValueError):
                    pass
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {number})
                os.kill(os.getpid(), number)
                os._exit(128 + number)
            os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


        def _proctor_supervise(a):
            import ctypes
            waited = {signal.SIGTERM, signal.SIGCHLD}
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, waited)
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4
            if prctl(36, 1, 0, 0, 0) != 0:  # PR_SET_CHILD_SUBREAPER
                raise OSError(ctypes.get_errno(), 'PR_SET_CHILD_SUBREAPER failed')
            child = os.fork()
            if child == 0:
                try:
                    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                    _proctor_launch(a)
                except BaseException:
                    import traceback
                    traceback.print_exc()
                os._exit(1)
            # Nothing of the supervisor's may reach the program's output, and no pipe may stay open because of it.
            null = os.open('/dev/null', os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            for fd in os.listdir('/proc/self/fd'):
                if int(fd) > 2:
                    try:
                        os.close(int(fd))
                    except OSError:
                        pass
            status = None
            try:
                while status is None:
                    if signal.sigwaitinfo(waited).si_signo == signal.SIGTERM:
                        break
                    status, _ = _proctor_collect(child, None)
            finally:
                status = _proctor_clean(child, status)
            _proctor_end(status if status is not None else signal.SIGKILL)  # a wait status: killed by SIGKILL

        """

    /// The interpreter arguments that run the stub; `supervising` selects ``supervisingSource``.
    static func arguments(
        interpreter: String, limits: PythonLimits, uid: UInt32?, directory: String, python: [String],
        supervising: Bool
    ) -> [String] {
        let numbers = [
            limits.cpuSeconds, limits.memoryBytes, limits.processes, limits.fileSizeBytes, max(limits.openFiles, 32),
            uid.map(Int.init) ?? -1,
        ]
        return ["-I", "-S", "-c", supervising ? supervisingSource : source] + numbers.map(String.init)
            + [directory, "--", interpreter, "-I"] + python
    }
}
