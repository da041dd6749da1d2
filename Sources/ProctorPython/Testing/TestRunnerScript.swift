/// The Python runner that executes a program and then its tests in one namespace and reports on a private pipe.
///
/// Protocol: the harness writes a nonce to one inherited pipe and closes it; the runner finds that pipe and the
/// report pipe among its descriptors, moves the report pipe to a random number, reads the nonce, closes the
/// nonce pipe and only then loads the program. Each report line is `\n<nonce> <kind> <hex UTF-8 field>...`.
/// Kinds: `ready`, `program-done`, and one final `passed`, `failed LINE EXCEPTION`, `crashed EXCEPTION WHERE`,
/// `exited CODE`, `invalid-tests MESSAGE`, `lint FINDINGS` (undefined names, found before the program runs),
/// after which the runner leaves with `os._exit(0)` so no `atexit` hook runs. Every function and type the
/// runner needs is bound before the program runs, so replacing `builtins` entries (`AssertionError`, `exec`,
/// `print`) or module attributes cannot change what it reports.
/// Code written against this protocol can still find the nonce in the runner's memory; the report proves
/// the runner ran to the end, not that the program is benign.
enum TestRunnerScript {
    /// `_proctor_undefined(program)`: the `(line, name)` pairs of names a program reads but never binds, from its
    /// symbol table, without running it; empty for a syntax error or a `from ... import *`.
    static let undefinedNames = #"""
        def _proctor_undefined(program):
            import ast, builtins, symtable
            try:
                tree = ast.parse(program, 'program.py')
                table = symtable.symtable(program, 'program.py', 'exec')
            except (SyntaxError, ValueError):
                return []
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and any(alias.name == '*' for alias in node.names):
                    return []
            defined = set(dir(builtins)) | {'__name__', '__file__', '__doc__', '__builtins__', '__spec__', '__loader__',
                                            '__package__', '__annotations__', '__path__', '__cached__'}
            scopes = [table]
            index = 0
            while index < len(scopes):
                scope = scopes[index]
                index += 1
                scopes.extend(scope.get_children())
                for symbol in scope.get_symbols():
                    if scope is table:
                        if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace():
                            defined.add(symbol.get_name())
                    elif symbol.is_declared_global() and (symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()):
                        defined.add(symbol.get_name())
            missing = set()
            for scope in scopes:
                for symbol in scope.get_symbols():
                    name = symbol.get_name()
                    if name in defined or not symbol.is_referenced():
                        continue
                    if scope is table or symbol.is_global():
                        if scope.get_type() == 'class' and (symbol.is_assigned() or symbol.is_imported()):
                            continue
                        missing.add(name)
            lines = {}
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and node.id in missing and isinstance(node.ctx, ast.Load):
                    lines[node.id] = min(lines.get(node.id, node.lineno), node.lineno)
            return sorted(((lines.get(n, 0), n) for n in missing))
        """#

    /// `_proctor_grade(program, tests, nonce, report_fd, lint, compiled)`: runs both and reports; never returns.
    ///
    /// Shared with the warm workers, which call it in a freshly forked child with the tests already compiled
    /// (`_proctor_compile_tests`) once per distinct tests text.
    static let grade = undefinedNames + #"""

        def _proctor_compile_tests(tests):
            """('ok', [(line, code)], lines) with one code object per top-level statement, or ('invalid', message)."""
            import ast
            try:
                tree = ast.parse(tests, '<tests>')
                statements = [(s.lineno, compile(ast.Module([s], []), '<tests>', 'exec')) for s in tree.body]
            except SyntaxError as error:
                return ('invalid', type(error).__name__ + ': ' + str(error.msg) + ' (line ' + str(error.lineno) + ')')
            return ('ok', statements, tests.splitlines())

        def _proctor_grade(program, tests, nonce, report_fd, lint=False, compiled=None):
            import builtins, os, sys, traceback, types
            write, exit_now = os.write, os._exit
            exec_, compile_, type_, str_, len_ = exec, compile, type, str, len
            BaseException_, SystemExit_, SyntaxError_ = BaseException, SystemExit, SyntaxError
            extract_tb = traceback.extract_tb

            def report(kind, *fields):
                line = '\n' + nonce + ' ' + kind + ''.join([' ' + str_(f).encode('utf-8', 'replace').hex() for f in fields]) + '\n'
                data = line.encode('ascii')
                while data:
                    data = data[write(report_fd, data):]

            def finish():
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except BaseException_:
                        pass
                exit_now(0)

            def describe(error):
                name = '?'
                try:
                    name = type_(error).__name__
                    text = str_(error)
                except BaseException_:
                    text = ''
                return name + ': ' + text if text else name

            compiled = compiled or _proctor_compile_tests(tests)
            if compiled[0] != 'ok':
                report('invalid-tests', compiled[1])
                finish()
            statements, test_lines = compiled[1], compiled[2]
            try:
                code = compile_(program, 'program.py', 'exec')
            except SyntaxError_ as error:
                report('crashed', type_(error).__name__ + ': ' + str_(error.msg), 'program.py, line ' + str_(error.lineno))
                finish()
            if lint:
                undefined = _proctor_undefined(program)
                if undefined:
                    report('lint', '; '.join(["undefined name '" + name + "' (line " + str_(line) + ')' for line, name in undefined]))
                    finish()
            main = types.ModuleType('__main__')
            main.__file__ = 'program.py'
            main.__builtins__ = builtins
            sys.modules['__main__'] = main
            namespace = main.__dict__
            sys.argv = ['program.py']
            del program, tests, compiled
            report('ready')
            try:
                exec_(code, namespace)
            except SystemExit_ as error:
                report('exited', str_(error.code))
                finish()
            except BaseException_ as error:
                where = ''
                try:
                    frames = [f for f in extract_tb(error.__traceback__) if f.filename == 'program.py']
                    if frames:
                        where = 'program.py, line ' + str_(frames[-1].lineno)
                except BaseException_:
                    pass
                report('crashed', describe(error), where)
                finish()
            report('program-done')
            for number, statement in statements:
                try:
                    exec_(statement, namespace)
                except BaseException_ as error:
                    line = number
                    try:
                        frames = [f for f in extract_tb(error.__traceback__) if f.filename == '<tests>']
                        if frames:
                            line = frames[-1].lineno
                    except BaseException_:
                        pass
                    text = test_lines[line - 1].strip() if 0 < line <= len_(test_lines) else ''
                    report('failed', text, describe(error))
                    finish()
            report('passed', str_(len_(statements)))
            finish()
        """#

    /// The cold entry point: finds the two pipes, reads the nonce and the files, then grades.
    static let source = grade + #"""

        def _proctor_cold():
            import fcntl, os, random, resource, stat, sys
            lint = sys.argv[1:] == ['lint']
            secret_fd = report_fd = None
            for name in os.listdir('/proc/self/fd'):
                fd = int(name)
                if fd < 3:
                    continue
                try:
                    if not stat.S_ISFIFO(os.fstat(fd).st_mode):
                        continue
                    mode = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
                except OSError:
                    continue
                if mode == os.O_RDONLY:
                    secret_fd = fd
                elif mode == os.O_WRONLY:
                    report_fd = fd
            if secret_fd is None or report_fd is None:
                os._exit(70)
            highest = max(17, min(resource.getrlimit(resource.RLIMIT_NOFILE)[0], 256) - 8)
            moved = fcntl.fcntl(report_fd, fcntl.F_DUPFD, random.randrange(16, highest))
            os.close(report_fd)
            chunks = []
            while True:
                chunk = os.read(secret_fd, 4096)
                if not chunk:
                    break
                chunks.append(chunk)
            os.close(secret_fd)
            nonce = b''.join(chunks).decode('ascii').strip()
            with open('program.py', encoding='utf-8', errors='replace') as f:
                program = f.read()
            with open('tests.py', encoding='utf-8', errors='replace') as f:
                tests = f.read()
            os.unlink('tests.py')
            _proctor_grade(program, tests, nonce, moved, lint)

        _proctor_cold()
        """#
}
