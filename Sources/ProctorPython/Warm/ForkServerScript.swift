/// The fork server a warm worker runs as root inside its own bubblewrap sandbox.
///
/// Requests on stdin, one at a time: a JSON header line (`mode` `run`, `tests` or `compile`, `nonce`, `lint`, `limits`,
/// `sizes`) followed by the program, tests and stdin bytes. For each it makes a fresh scratch directory under
/// `/tmp` and forks a child that starts a session, applies the limits, drops to the sandbox uid, and only then
/// runs the sample. When the child ends, the scratch directory is removed; when anything of the sandbox uid is
/// left (or a limit ended the child), a helper running as that uid sends SIGKILL to every process of it
/// (`kill(-1)` reaches only this worker's PID namespace) and empties `/tmp` and `/dev/shm`. The reply on stdout is
/// a JSON header line (`status`, `wall`, `exceeded`, `clean`, `sizes`, `truncated`) followed by the captured stdout,
/// stderr and report bytes; `clean` is false when anything of the sample is left (a process, a file in `/tmp` or
/// `/dev/shm`, a SysV object), and the harness then replaces the worker. `compile` only compiles the tests, in the server, and reports `plan` or `invalid-tests`.
/// The server leaves when its request pipe closes.
enum ForkServerScript {
    /// What `python3 -c` runs: compiles and runs each piece of the server given after the uid argument, in order,
    /// and drops them from `sys.argv`.
    ///
    /// One compile of the whole 45 KB source left the server 2.4 MB larger than compiling it in pieces (the
    /// compiler's peak stays resident), and every fork and exit of a sample pays for each resident page.
    static let loader = """
        import sys
        _proctor_pieces = sys.argv[2:]
        del sys.argv[2:]
        while _proctor_pieces:
            exec(compile(_proctor_pieces.pop(0), '<string>', 'exec'))

        """

    /// The server's source in pieces that each compile on their own, in order (arguments of ``loader``).
    static let pieces = TestRunnerScript.gradePieces + [SeccompFilter.python, server]

    /// The server proper: request loop, sample process set-up and clean-up.
    static let server = #"""

        def _proctor_run_program(program):
            import atexit, builtins, os, sys, threading, traceback, types
            main = types.ModuleType('__main__')
            main.__file__ = 'program.py'
            main.__builtins__ = builtins
            sys.modules['__main__'] = main
            sys.argv = ['program.py']
            status = 0
            try:
                exec(compile(program, 'program.py', 'exec'), main.__dict__)
            except SystemExit as error:
                if error.code is None:
                    status = 0
                elif isinstance(error.code, int):
                    status = error.code & 0xff
                else:
                    print(error.code, file=sys.stderr)
                    status = 1
            except BaseException as error:
                tb = error.__traceback__.tb_next if error.__traceback__ else None
                traceback.print_exception(type(error), error, tb)
                status = 1
            for step in (threading._shutdown, atexit._run_exitfuncs):
                try:
                    step()
                except BaseException:
                    pass
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except BaseException:
                    if stream is sys.stdout:
                        status = 120
            os._exit(status)

        def _proctor_server(uid):
            import ctypes, gc, json, os, random, resource, select, shutil, signal, stat, sys, tempfile, time
            R = resource
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4
            # fork(2) itself, without Python's at-fork handlers (threading's, logging's and random's run ~150 page
            # faults' worth of Python in every sample). Called with the interpreter lock held, from this server's only
            # thread, while no import is under way: the child's interpreter state is already consistent. What the
            # handlers would do that matters is done by hand: the child reseeds `random`.
            plain_fork = ctypes.PyDLL(None, use_errno=True).fork
            plain_fork.argtypes = []
            plain_fork.restype = ctypes.c_int
            seccomp = _proctor_seccomp_program()
            seccomp, seccomp_kept = _proctor_seccomp_prepare(seccomp) if seccomp is not None else (None, None)

            def read_exact(count):
                while len(pending) < count:
                    chunk = os.read(0, max(count - len(pending), 1 << 16))
                    if not chunk:
                        os._exit(0)
                    pending.extend(chunk)
                data = bytes(pending[:count])
                del pending[:count]
                return data

            pending = bytearray()

            def read_line():
                while b'\n' not in pending:
                    chunk = os.read(0, 1 << 16)
                    if not chunk:
                        os._exit(0)
                    pending.extend(chunk)
                end = pending.index(b'\n')
                line = bytes(pending[:end])
                del pending[:end + 1]
                return line

            def write_all(data):
                view = memoryview(data)
                while view:
                    view = view[os.write(1, view):]

            def others():
                # Every process in this PID namespace but its init (bubblewrap) and this server.
                me = os.getpid()
                return [int(n) for n in os.listdir('/proc') if n.isdigit() and int(n) not in (1, me)]

            def wipe(directory, remove=False):
                # Empties `directory` (and removes it) whatever the sample left: modes that forbid reading, deep
                # trees, links. Iterative: a tree deeper than Python's recursion limit is no problem.
                try:
                    pending = [os.path.join(directory, name) for name in os.listdir(directory)]
                except OSError:
                    pending = []
                emptied = []
                while pending:
                    path = pending.pop()
                    try:
                        info = os.lstat(path)
                        if stat.S_ISDIR(info.st_mode):
                            os.chmod(path, 0o700)
                            emptied.append(path)
                            pending.extend(os.path.join(path, name) for name in os.listdir(path))
                        else:
                            os.unlink(path)
                    except OSError:
                        pass
                for path in reversed(emptied + ([directory] if remove else [])):
                    try:
                        os.rmdir(path)
                    except OSError:
                        pass

            def clean():
                # Whether nothing of the last sample is left: no process, no file in /tmp or /dev/shm, no SysV object.
                if others() or os.listdir('/tmp') or os.listdir('/dev/shm'):
                    return False
                if seccomp is not None:
                    return True  # the filter refuses SysV objects: there can be none
                for kind in ('shm', 'sem', 'msg'):
                    try:
                        with open('/proc/sysvipc/' + kind, 'rb') as f:
                            if len(f.read().splitlines()) > 1:
                                return False
                    except OSError:
                        pass
                return True

            def sweep(scratch=None):
                # Ends what the sample left; True when nothing of it is left (see clean()).
                # Fast path: the sample left no process and wrote only inside its scratch directory.
                if scratch is not None and not others():
                    wipe(scratch, remove=True)
                    if not os.listdir('/tmp') and not os.listdir('/dev/shm'):
                        return seccomp is not None or clean()
                helper = os.fork()
                if helper == 0:
                    try:
                        os.setgroups([])
                        os.setresgid(uid, uid, uid)
                        os.setresuid(uid, uid, uid)
                        me = os.getpid()
                        for _ in range(1000):
                            try:
                                os.kill(-1, signal.SIGKILL)
                            except ProcessLookupError:
                                break
                            # Zombies still take the signal: stop once only they are left. The status file
                            # tells the uid even of a process that made itself non-dumpable.
                            alive = False
                            for pid in others():
                                if pid == me:
                                    continue
                                try:
                                    with open('/proc/%d/status' % pid, 'rb') as f:
                                        fields = dict(line.split(b':', 1) for line in f.read().splitlines() if b':' in line)
                                    if not fields[b'State'].split()[0] == b'Z' and int(fields[b'Uid'].split()[0]) == uid:
                                        alive = True
                                        break
                                except (OSError, KeyError, IndexError, ValueError):
                                    pass
                            if not alive:
                                break
                        for directory in ('/tmp', '/dev/shm'):
                            wipe(directory)
                    except BaseException:
                        pass
                    finally:
                        os._exit(0)
                os.waitpid(helper, 0)
                # The helper emptied the scratch directory; the directory itself is the server's.
                if scratch is not None:
                    wipe(scratch, remove=True)
                return clean()

            def child(header, program, compiled, stdin, ends, scratch):
                try:
                    limits = header['limits']
                    os.setsid()
                    os.dup2(stdin, 0)
                    os.dup2(ends[0], 1)
                    os.dup2(ends[1], 2)
                    nofile = max(limits['openFiles'], 32)
                    report = random.randrange(16, max(17, min(nofile, 256) - 8))
                    os.dup2(ends[2], report)
                    os.closerange(3, report)
                    os.closerange(report + 1, 1 << 16)
                    for r, v in ((R.RLIMIT_CORE, 0), (R.RLIMIT_CPU, limits['cpu']), (R.RLIMIT_AS, limits['memory']),
                                 (R.RLIMIT_NPROC, limits['processes']), (R.RLIMIT_FSIZE, limits['fileSize']),
                                 (R.RLIMIT_NOFILE, nofile)):
                        R.setrlimit(r, (v, v + 1 if r == R.RLIMIT_CPU else v))
                    os.setgroups([])
                    os.setresgid(uid, uid, uid)
                    os.setresuid(uid, uid, uid)
                    # Kept non-dumpable (as changing uid made it): a process of the same uid that the program starts,
                    # without the runner's audit hook, cannot read this one's memory through /proc.
                    prctl(4, 0, 0, 0, 0)
                    os.chdir(scratch)
                    with open('program.py', 'wb') as f:
                        f.write(program)
                    # sys.stdin/stdout/stderr are the server's, never read or written by it, on fds 0-2 that now
                    # hold the sample's stdin and output pipes (UTF-8: the server runs with LC_ALL=C.UTF-8).
                    source = program.decode('utf-8', 'replace')
                    if header['mode'] == 'tests':
                        nonce, lint = bytearray(header['nonce'].encode('ascii')), header.get('lint', False)
                        module = header.get('module', '__main__')
                        header.clear()
                        # The other cases' compiled tests stay in this process's memory (dropping them would copy
                        # every page they touch, milliseconds per sample); only frames or the heap lead to them,
                        # and the runner refuses both.
                        _proctor_grade(source, nonce, report, lint, compiled, module)
                    else:
                        os.close(report)
                        _proctor_run_program(source)
                finally:
                    os._exit(70)

            compiled_tests = {}

            def compile_tests(tests):
                # Each distinct tests text is compiled once, here, and inherited by every fork that runs it.
                entry = compiled_tests.get(tests)
                if entry is None:
                    if len(compiled_tests) >= 1024:
                        compiled_tests.clear()
                    entry = compiled_tests[tests] = _proctor_compile_tests(tests.decode('utf-8', 'replace'))
                    # Garbage first (compiling leaves cycles): what is frozen is never freed.
                    gc.collect()
                    gc.freeze()
                return entry

            def check(nonce, tests):
                # Compiles a case's tests without running anything: the runner's plan report, as if from a child.
                entry = compile_tests(tests)
                if entry[0] == 'ok':
                    fields = ' ' + _K_PLAN + ' ' + str(len(entry[1])).encode('ascii').hex()
                else:
                    fields = ' ' + _K_INVALID_TESTS + ' ' + entry[1].encode('utf-8', 'replace').hex()
                report = ('\n' + nonce + fields + '\n').encode('ascii')
                reply = {'status': {'kind': 'exited', 'code': 0}, 'wall': 0.0, 'exceeded': None,
                         'sizes': [0, 0, len(report)], 'truncated': [False, False]}
                return json.dumps(reply).encode() + b'\n' + report

            def serve(header, program, tests, stdin):
                limits = header['limits']
                compiled = compile_tests(tests) if header['mode'] == 'tests' else None
                # The sample's stdin: /dev/null when empty, else a file of the server's, unlinked before the fork and
                # handed over read-only, so nothing in the sample's directories holds it (the seccomp filter refuses
                # memfd_create here too).
                if stdin:
                    path = '/tmp/.stdin-' + os.urandom(8).hex()
                    writer = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
                    stdin_fd = os.open(path, os.O_RDONLY)
                    os.unlink(path)
                    view = memoryview(stdin)
                    while view:
                        view = view[os.write(writer, view):]
                    os.close(writer)
                else:
                    stdin_fd = os.open('/dev/null', os.O_RDONLY)
                # Made by the server, writable by the sample: the server can then empty it without changing uid.
                # (Names drawn here rather than by tempfile: each Python function the server calls while a sample
                # lives costs a copied page.)
                scratch = '/tmp/proctor-py-' + os.urandom(8).hex()
                os.mkdir(scratch, 0o700)
                os.chmod(scratch, 0o777)
                pipes = [os.pipe() for _ in range(3)]
                start = time.monotonic()
                pid = plain_fork()
                if pid < 0:
                    error = ctypes.get_errno()
                    raise OSError(error, os.strerror(error))
                if pid == 0:
                    random.seed()
                    for r, _ in pipes:
                        os.close(r)
                    child(header, program, compiled, stdin_fd, [w for _, w in pipes], scratch)
                os.close(stdin_fd)
                for _, w in pipes:
                    os.close(w)
                caps = [limits['captured'], limits['captured'], 1 << 20]
                buffers = [bytearray(), bytearray(), bytearray()]
                totals = [0, 0, 0]
                index = {r: i for i, (r, _) in enumerate(pipes)}
                poller = select.poll()
                for r in index:
                    os.set_blocking(r, False)
                    poller.register(r, select.POLLIN)
                # The child's exit wakes the poll at once, even before its pipes close.
                exited = os.pidfd_open(pid)
                poller.register(exited, select.POLLIN)
                # The request pipe hangs up when the harness is gone: end the sample and leave.
                poller.register(0, 0)
                deadline = start + limits['wall']
                status = None
                tidy = False
                elapsed = None
                exceeded = None
                killed = None
                while True:
                    now = time.monotonic()
                    if status is None:
                        done, code = os.waitpid(pid, os.WNOHANG)
                        if done == pid:
                            status, elapsed = code, now - start
                            poller.unregister(exited)
                    if status is not None and killed is None:
                        tidy = sweep(scratch)
                        killed = now
                    if status is not None and not index:
                        break
                    if killed is not None and now - killed > 2:
                        break
                    if status is None and exceeded is None and now >= deadline:
                        exceeded = 'wall'
                        sweep()
                        killed = now
                    wait = 0.05 if status is None and exceeded is None else 0.01
                    if status is None and exceeded is None:
                        wait = max(0.001, min(wait, deadline - now))
                    for fd, events in poller.poll(wait * 1000):
                        if fd == 0 and events & (select.POLLHUP | select.POLLERR):
                            sweep()
                            os._exit(0)
                        i = index.get(fd)
                        if i is None:
                            continue
                        while True:
                            try:
                                chunk = os.read(fd, 65536)
                            except BlockingIOError:
                                break
                            if not chunk:
                                poller.unregister(fd)
                                os.close(fd)
                                del index[fd]
                                break
                            totals[i] += len(chunk)
                            room = caps[i] - len(buffers[i])
                            if room > 0:
                                buffers[i] += chunk[:room]
                    if exceeded is None and totals[0] + totals[1] > limits['output']:
                        exceeded = 'output'
                        sweep()
                        killed = time.monotonic()
                for fd in index:
                    os.close(fd)
                poller.unregister(0)
                os.close(exited)
                if status is None:
                    sweep()
                    _, status = os.waitpid(pid, 0)
                    elapsed = time.monotonic() - start
                if not tidy:
                    tidy = sweep(scratch)
                if os.WIFSIGNALED(status):
                    result = {'kind': 'signaled', 'code': os.WTERMSIG(status)}
                else:
                    result = {'kind': 'exited', 'code': os.WEXITSTATUS(status)}
                reply = {'status': result, 'wall': elapsed, 'exceeded': exceeded, 'clean': tidy,
                         'sizes': [len(b) for b in buffers], 'truncated': [totals[0] > caps[0], totals[1] > caps[1]]}
                return json.dumps(reply).encode() + b'\n' + b''.join(bytes(b) for b in buffers)

            _proctor_once()
            # The filter holds for this server and everything it forks: installed once, not per sample.
            if seccomp is not None:
                _proctor_seccomp_install(seccomp, prctl)
            sys.stdout.flush()
            # The checks every sample runs, run here first: the interpreter specialises their code in this process
            # once, instead of writing to (and so copying) those pages in every sample.
            for _ in range(10):
                _proctor_static('x = 1')
                _proctor_equal([1], [1])
                _proctor_unequal((1,), (2,))
                _proctor_patched(_proctor_snapshot(()))
            # Objects that exist now are never collected, so a forked sample does not copy their pages to scan them;
            # the garbage of loading goes first, or it would stay for good.
            gc.collect()
            gc.freeze()
            while True:
                header = json.loads(read_line())
                sizes = header['sizes']
                program, tests, stdin = read_exact(sizes[0]), read_exact(sizes[1]), read_exact(sizes[2])
                if header['mode'] == 'compile':
                    write_all(check(header['nonce'], tests))
                else:
                    write_all(serve(header, program, tests, stdin))

        import ast, json, symtable, traceback, types, sys as _sys
        # Modules generated code commonly imports, loaded once here instead of in every sample (typing alone
        # takes ~5 ms); a fork inherits them as if the sample had imported them itself.
        import bisect, collections, copy, enum, functools, hashlib, heapq, itertools, logging, math, re, string, traceback, typing
        # bubblewrap sets PWD when it changes directory; the samples' environment is PATH and LC_ALL only.
        _sys.modules['os'].environ.pop('PWD', None)
        _proctor_server(int(_sys.argv[1]))
        """#
}
