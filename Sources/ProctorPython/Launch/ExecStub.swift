/// The Python stub that applies a run's limits and the seccomp filter, drops to the sandbox uid and execs the
/// interpreter.
///
/// Run as `python -I -S -c <source> CPU AS NPROC FSIZE NOFILE UID DIRECTORY -- EXECUTABLE ARGS...`; a UID of -1
/// keeps the current one. Limits are capped at the current hard limits so an unprivileged harness can still lower them.
enum ExecStub {
    static let source = SeccompFilter.python + """
        import os, resource, sys
        def main():
            a = sys.argv[1:]
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
        main()
        """

    static func arguments(
        interpreter: String, limits: PythonLimits, uid: UInt32?, directory: String, python: [String]
    ) -> [String] {
        let numbers = [
            limits.cpuSeconds, limits.memoryBytes, limits.processes, limits.fileSizeBytes, max(limits.openFiles, 32),
            uid.map(Int.init) ?? -1,
        ]
        return ["-I", "-S", "-c", source] + numbers.map(String.init) + [directory, "--", interpreter, "-I"] + python
    }
}
