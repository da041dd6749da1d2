/// The Python test runner: runs a program and then its tests in one process, and reports every step on a private
/// pipe.
///
/// Protocol: the harness writes a nonce to one inherited pipe and closes it; the runner finds that pipe and the
/// report pipe among its descriptors, moves the report pipe to a random number, reads the nonce, closes the
/// nonce pipe and only then loads the program. Each report line is `\n<nonce> <kind> <hex UTF-8 field>...`, the
/// kinds being ``RunnerMessage``. The harness compiles the tests itself first (`plan`) and knows how many
/// statements they have; a pass needs `ready`, `program-done`, `ok 1` ... `ok N` and `passed N`, in that order,
/// from a process that then exits 0. What the runner does against a program that tries to forge that is
/// described in docs/grading.md ("Threat model").
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

    /// Compiling the tests (`==` and `!=` that a program-defined operand cannot forge) and the static check of a
    /// program's own code for reads of interpreter internals.
    static let tests = #"""
        _PROCTOR_EQ_MARK = '\x00proctor-equal'
        _PROCTOR_NE_MARK = '\x00proctor-unequal'


        def _proctor_installed_prefixes():
            import site, sys
            roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
            try:
                roots.update(site.getsitepackages())
            except Exception:
                pass
            return tuple(sorted({root.rstrip('/') + '/' for root in roots if root}))


        _PROCTOR_INSTALLED = _proctor_installed_prefixes()


        def _proctor_installed(filename):
            """Whether a code object's file lies under the interpreter's prefixes or site-packages."""
            return type(filename) is str and filename.startswith(_PROCTOR_INSTALLED)


        _PROCTOR_VALUES = frozenset((int, float, complex, str, bytes, bytearray, bool, type(None), list, tuple, dict, set, frozenset))
        _PROCTOR_CONTAINERS = frozenset((list, tuple, set, frozenset, dict))
        _PROCTOR_FUNCTION = type(_proctor_installed_prefixes)
        _PROCTOR_HEAP = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class made by a class statement, not built into Python
        _proctor_flags = type.__dict__['__flags__'].__get__
        _proctor_mro = type.__dict__['__mro__'].__get__
        _proctor_namespace = type.__dict__['__dict__'].__get__
        _proctor_code = _PROCTOR_FUNCTION.__dict__['__code__'].__get__


        def _proctor_compares_by_program(kind):
            """Whether instances of the class `kind` answer == or != with code the program defined, not a library's.

            Never hashes `kind` or calls anything of it: a metaclass could answer for it.
            """
            for name in ('__eq__', '__ne__'):
                for klass in _proctor_mro(kind):
                    if not _proctor_flags(klass) & _PROCTOR_HEAP:
                        break  # a built-in class answers from here on
                    namespace = _proctor_namespace(klass)
                    if name in namespace:
                        method = namespace[name]
                        if type(method) is not _PROCTOR_FUNCTION:
                            return True
                        if not _proctor_installed(_proctor_code(method).co_filename):
                            return True
                        break
            return False


        def _proctor_forged(value):
            """Whether `value`, or anything it is made of, compares by the program's code.

            Looks inside built-in containers, subclasses of them, and the attributes and slots of library classes
            (a `UserList`'s data, a `Fraction`'s numerator), through the built-in types' own methods. Element classes
            are tested for being built in (a flag, read in C) before anything hashes them: a metaclass of the
            program's could otherwise answer for them.
            """
            pending, budget, seen = [value], 1 << 20, set()
            while pending:
                item = pending.pop()
                kind = type(item)
                if _proctor_flags(kind) & _PROCTOR_HEAP:
                    if _proctor_compares_by_program(kind):
                        return True
                    items = _proctor_contents(item, kind, seen)
                elif kind in _PROCTOR_CONTAINERS:
                    items = list(item) + list(dict.values(item)) if kind is dict else list(item)
                else:
                    continue
                budget -= len(items)
                if budget < 0:
                    return False
                pending.extend(items)
            return False


        def _proctor_contents(item, kind, seen):
            """What a library-class instance holds: its built-in base's elements, its attributes and slots."""
            key = id(item)
            if key in seen:
                return []
            seen.add(key)
            found = []
            for base in _proctor_mro(kind):
                if base is list or base is tuple:
                    found.extend(base.__getitem__(item, slice(None)))
                elif base is dict:
                    copy = dict.copy(item)
                    found.extend(dict.keys(copy))
                    found.extend(dict.values(copy))
                elif base is set or base is frozenset:
                    found.extend(base.copy(item))
                elif _proctor_flags(base) & _PROCTOR_HEAP:
                    slots = _proctor_namespace(base).get('__slots__', ())
                    for slot in ((slots,) if type(slots) is str else slots if type(slots) in (tuple, list) else ()):
                        if type(slot) is str:
                            descriptor = _proctor_namespace(base).get(slot)
                            if type(descriptor).__name__ == 'member_descriptor':
                                try:
                                    found.append(descriptor.__get__(item, base))
                                except AttributeError:
                                    pass
            try:
                attributes = object.__getattribute__(item, '__dict__')
            except (AttributeError, TypeError):
                attributes = None
            if type(attributes) is dict:
                found.extend(dict.values(attributes))
            return found


        def _proctor_suspect(a, b):
            """Whether `a == b` may be answered by the program's code against a value that is not the program's.

            When exactly one side compares by the program's code (itself, or something it holds), the program
            decides alone; when both do (two of its own objects), or neither, the comparison is honest.
            """
            kind_a, kind_b = type(a), type(b)
            if not _proctor_flags(kind_a) & _PROCTOR_HEAP and not _proctor_flags(kind_b) & _PROCTOR_HEAP and \
                    kind_a not in _PROCTOR_CONTAINERS and kind_b not in _PROCTOR_CONTAINERS:
                return False
            return _proctor_forged(a) != _proctor_forged(b)


        _PROCTOR_PLAIN = frozenset(map(id, (int, float, complex, str, bytes, bool, type(None))))


        def _proctor_plain(value):
            """Whether `value` is an exact int, float, complex, str, bytes, bool or None, or an exact list or tuple of
            them: nothing in it compares by the program's code.

            Compares only the identities of classes, in C (the ids of built-in classes, which live as long as the
            interpreter): no class of the program's is hashed or called, and nothing runs while the list is read.
            """
            kind = type(value)
            if id(kind) in _PROCTOR_PLAIN:
                return True
            if kind is list or kind is tuple:
                return set(map(id, map(type, value))) <= _PROCTOR_PLAIN
            return False


        def _proctor_equal(a, b):
            """`a == b` in a test statement: a program-defined operand is never equal to a built-in value.

            Decided before the program's code runs: handed the expected value, its `__eq__` could raise it back in
            an exception message, and feedback to a model would carry it.
            """
            kind_a, kind_b = type(a), type(b)
            if (kind_a is int or kind_a is str or kind_a is float or kind_a is bool) and (
                    kind_b is int or kind_b is str or kind_b is float or kind_b is bool):
                return a == b
            if _proctor_plain(a) and _proctor_plain(b):
                return a == b
            if _proctor_suspect(a, b):
                return False
            return a == b


        def _proctor_unequal(a, b):
            """`a != b` in a test statement: a program-defined operand always differs from a built-in value,
            decided before the program's code runs."""
            if not (_proctor_plain(a) and _proctor_plain(b)) and _proctor_suspect(a, b):
                return True
            return a != b


        def _proctor_bind(code):
            """`code` with the comparison markers replaced by the comparison functions, in nested code too."""
            consts = []
            for const in code.co_consts:
                if type(const) is str and const == _PROCTOR_EQ_MARK:
                    const = _proctor_equal
                elif type(const) is str and const == _PROCTOR_NE_MARK:
                    const = _proctor_unequal
                elif type(const) is type(code):
                    const = _proctor_bind(const)
                consts.append(const)
            return code.replace(co_consts=tuple(consts))


        def _proctor_compile_tests(tests):
            """('ok', [(line, code)], lines as failures quote them, ids of every code object in them, modules they
            import) with one code object per top-level statement, or ('invalid', message).

            Every `a == b` and `a != b` is compiled as a call of `_proctor_equal` / `_proctor_unequal`, held as a constant of
            the code: no name the program could rebind.
            """
            import ast, warnings
            AST, Compare, Eq, NotEq = ast.AST, ast.Compare, ast.Eq, ast.NotEq
            Import, ImportFrom = ast.Import, ast.ImportFrom

            def rewritten(node):
                if type(node) is Compare and len(node.ops) == 1 and type(node.ops[0]) in (Eq, NotEq):
                    mark = _PROCTOR_EQ_MARK if type(node.ops[0]) is Eq else _PROCTOR_NE_MARK
                    mark = ast.copy_location(ast.Constant(mark), node)
                    return ast.copy_location(ast.Call(mark, [node.left, node.comparators[0]], []), node)
                return node

            def shown_lines(tree):
                """The test source's lines as a failure quotes them: a line of a simple statement spanning several
                (HumanEval's `assert candidate(...) == [` ... `]`) quotes the whole statement on one line."""
                lines = tests.splitlines()
                for node in ast.walk(tree):
                    end = getattr(node, 'end_lineno', None)
                    if not isinstance(node, ast.stmt) or hasattr(node, 'body') or end is None or end <= node.lineno:
                        continue
                    try:
                        text = ast.unparse(node)
                    except (ValueError, RecursionError, MemoryError):
                        continue
                    if '\n' in text:
                        continue
                    for number in range(node.lineno, min(end, len(lines)) + 1):
                        lines[number - 1] = text
                return lines

            modules = set()
            try:
                tree = ast.parse(tests, '<tests>')
                shown = shown_lines(tree)
                # One pass over every node, without recursion: comparisons replaced where they stand (their
                # operands are visited as the call's arguments), imports noted.
                pending = list(tree.body)
                while pending:
                    node = pending.pop()
                    if type(node) is Import:
                        modules.update(alias.name for alias in node.names)
                    elif type(node) is ImportFrom and node.level == 0 and node.module:
                        modules.add(node.module)
                    for field in node._fields:
                        value = getattr(node, field, None)
                        if type(value) is list:
                            for index, item in enumerate(value):
                                if isinstance(item, AST):
                                    value[index] = item = rewritten(item)
                                    pending.append(item)
                        elif isinstance(value, AST):
                            item = rewritten(value)
                            if item is not value:
                                setattr(node, field, item)
                            pending.append(item)
                statements = []
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    for statement in tree.body:
                        code = compile(ast.Module([statement], []), '<tests>', 'exec')
                        statements.append((statement.lineno, _proctor_bind(code)))
            except SyntaxError as error:
                return ('invalid', type(error).__name__ + ': ' + str(error.msg) + ' (line ' + str(error.lineno) + ')')
            except (ValueError, RecursionError, MemoryError) as error:
                return ('invalid', type(error).__name__ + ': ' + str(error))
            return ('ok', statements, shown, _proctor_codes(*[code for _, code in statements])[0],
                    tuple(sorted(modules)))


        _PROCTOR_INTROSPECTION = frozenset((
            'f_back', 'f_locals', 'f_globals', 'f_builtins', 'f_trace', 'tb_frame', 'gi_frame', 'cr_frame', 'ag_frame',
            '_getframe', '_current_frames', '_current_exceptions', 'settrace', 'setprofile', 'get_objects', 'get_referrers',
            'get_referents', 'currentframe', 'getouterframes', 'getinnerframes', 'addaudithook', 'co_consts', 'co_code',
            'pthread_sigmask', 'create_builtin'))
        _PROCTOR_FORBIDDEN_MODULES = frozenset(('ctypes', '_ctypes', '_testcapi', '_testinternalcapi', '_imp', 'unittest.mock'))
        _PROCTOR_SUSPICIOUS = __import__('re').compile('|'.join(sorted(
            _PROCTOR_INTROSPECTION | _PROCTOR_FORBIDDEN_MODULES | {'monitoring', 'stack', 'trace', 'walk_stack', 'extract_stack', 'walk_tb'})))


        def _proctor_static(program):
            """The first place where the program's own code reads interpreter internals, as 'what, line N', or None.

            Parses the program only when one of the words it looks for occurs in its text at all.
            """
            # Python reads identifiers in NFKC, so a non-ASCII look-alike (a fullwidth 'ｆ_back') could hide a word
            # from the filter: such programs are always parsed.
            if _PROCTOR_SUSPICIOUS.search(program) is None and program.isascii():
                return None
            import ast
            try:
                tree = ast.parse(program, 'program.py')
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            for node in ast.walk(tree):
                found = None
                if isinstance(node, ast.Attribute):
                    if node.attr in _PROCTOR_INTROSPECTION:
                        found = node.attr
                    elif isinstance(node.value, ast.Name) and (node.value.id, node.attr) in (
                            ('sys', 'monitoring'), ('inspect', 'stack'), ('inspect', 'trace'), ('traceback', 'walk_stack'),
                            ('traceback', 'extract_stack'), ('traceback', 'walk_tb')):
                        found = node.value.id + '.' + node.attr
                elif isinstance(node, ast.Name) and node.id in _PROCTOR_INTROSPECTION:
                    found = node.id
                elif isinstance(node, ast.Constant) and type(node.value) is str and node.value in _PROCTOR_INTROSPECTION:
                    found = repr(node.value)
                elif isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.name in _PROCTOR_FORBIDDEN_MODULES or alias.name.split('.')[0] in _PROCTOR_FORBIDDEN_MODULES:
                            found = 'import ' + alias.name
                elif isinstance(node, ast.ImportFrom):
                    module = node.module or ''
                    if module in _PROCTOR_FORBIDDEN_MODULES or module.split('.')[0] in _PROCTOR_FORBIDDEN_MODULES:
                        found = 'import ' + module
                    else:
                        for alias in node.names:
                            if alias.name in _PROCTOR_INTROSPECTION or (module, alias.name) in (
                                    ('sys', 'monitoring'), ('inspect', 'stack'), ('inspect', 'trace')) or \
                                    module + '.' + alias.name in _PROCTOR_FORBIDDEN_MODULES:
                                found = 'from ' + module + ' import ' + alias.name
                if found is not None:
                    return found + ', line ' + str(getattr(node, 'lineno', 0))
            return None

        """#

    /// `_proctor_grade(program, nonce, report_fd, lint, compiled, module)`: runs both and reports; never returns.
    ///
    /// Shared with the warm workers, which call it in a freshly forked child with the tests already compiled
    /// (`_proctor_compile_tests`) once per distinct tests text.
    static let grade = gradePieces.joined()

    /// ``grade`` in pieces that each compile on their own, in order; a warm worker compiles them one at a time (see
    /// ``ForkServerScript/pieces``).
    static let gradePieces = [ownBuiltins + RunnerMessage.pythonDefinitions + undefinedNames, tests, runner]

    /// Gives the functions defined after it a copy of the builtins taken before any program runs.
    static let ownBuiltins = #"""
        # The runner's functions look builtins up in this copy, taken before any program runs: a program that replaces
        # builtins.type, builtins.len or builtins.__import__ changes nothing they do (the program keeps the real
        # module; the tests get another copy, see _proctor_runner_tables).
        __builtins__ = dict(__builtins__ if type(__builtins__) is dict else __builtins__.__dict__)

        """#

    /// The runner proper: what a sample's process runs, and the tables and checks it uses.
    static let runner = #"""
        def _proctor_allowed_stdlib():
            """Code objects of the standard library that read frames for their own use and never hand one out.

            Imported here, before any program runs, so that a program cannot substitute modules of the same names.
            Returns (callers of sys._getframe, logging's currentframe and findCaller, traceback's tb walkers and their
            consumers).
            """
            import collections, enum, logging, traceback, typing

            def codes(*functions):
                return _proctor_codes(*[getattr(f, '__func__', f).__code__ for f in functions if f is not None])

            getframe = codes(collections.namedtuple, getattr(typing, '_caller', None),
                             getattr(getattr(enum, 'EnumType', None), '_create_', None))
            walkers = codes(traceback.walk_tb, getattr(traceback, '_walk_tb_with_full_positions', None))
            consumers = codes(traceback.StackSummary.extract,
                              getattr(traceback.StackSummary, '_extract_from_extended_frame_gen', None))
            return getframe, logging.currentframe.__code__, logging.Logger.findCaller.__code__, walkers, consumers


        def _proctor_codes(*codes):
            """The ids of `codes` and of the code nested in them, with the objects that keep those ids taken."""
            found, kept = set(), []
            pending = list(codes)
            while pending:
                code = pending.pop()
                kept.append(code)
                found.add(id(code))
                pending.extend(c for c in code.co_consts if type(c) is type(code))
            return found, kept


        def _proctor_snapshot(names):
            """What the modules the tests import hold now: each module, its attributes, and its classes' attributes.

            Imports them first, before the program runs, so that the program cannot be the first to load them.
            """
            import sys
            module_dict = type(sys).__dict__['__dict__'].__get__
            snapshot = []
            for name in names:
                try:
                    __import__(name)
                except BaseException:
                    continue
                module = sys.modules.get(name)
                if module is None or type(module) is not type(sys):
                    continue
                attributes = dict(module_dict(module))
                classes = [(value, dict(_proctor_namespace(value))) for value in attributes.values()
                           if type(value) is type and _proctor_flags(value) & _PROCTOR_HEAP]
                snapshot.append((name, module, attributes, classes))
            return snapshot


        # What the runner and programs set in `sys` as a matter of course (argv, redirected streams, the last exception):
        # not a patch of what the tests judge with.
        _PROCTOR_SYS_STATE = frozenset(('argv', 'orig_argv', 'stdin', 'stdout', 'stderr', 'path', 'last_type', 'last_value',
                                        'last_traceback', 'last_exc', 'ps1', 'ps2', 'tracebacklimit'))

        def _proctor_patched(snapshot):
            """'name.attribute' of the first module attribute or class attribute the program replaced, or None."""
            import sys
            module_dict = type(sys).__dict__['__dict__'].__get__
            missing = object()
            for name, module, attributes, classes in snapshot:
                if sys.modules.get(name) is not module:
                    return name
                current = module_dict(module)
                for key, value in attributes.items():
                    if name == 'sys' and key in _PROCTOR_SYS_STATE:
                        continue
                    if current.get(key, missing) is not value:
                        return name + '.' + key
                for klass, namespace in classes:
                    now = _proctor_namespace(klass)
                    for key, value in namespace.items():
                        if now.get(key, missing) is not value:
                            return name + '.' + type.__dict__['__qualname__'].__get__(klass) + '.' + key
            return None


        _PROCTOR_SIGMASK = __import__('_signal').pthread_sigmask
        _PROCTOR_SEALED_SIGMASK = type(_proctor_installed_prefixes)(compile(
            "def pthread_sigmask(how, mask):\n    raise PermissionError(1, 'signals stay blocked in the sandbox')\n",
            '<sandbox>', 'exec').co_consts[0], {'__builtins__': {'PermissionError': PermissionError}})


        _PROCTOR_RUN = []  # [nonce, report descriptor] of the run in this process, once it has started


        def _proctor_forked():
            # A copy the program forks keeps nothing to report with: the nonce is zeroed, the report pipe closed, and
            # its signals may be unblocked again.
            import os, _signal
            if _PROCTOR_RUN:
                nonce, report_fd = _PROCTOR_RUN
                nonce[:] = bytes(len(nonce))
                try:
                    os.close(report_fd)
                except OSError:
                    pass
                _PROCTOR_SIGMASK(_signal.SIG_SETMASK, ())


        _PROCTOR_ONCE = []


        def _proctor_once():
            """Process-wide preparations, done once (a warm worker does them before it forks its samples)."""
            if _PROCTOR_ONCE:
                return
            import os, sys
            os.register_at_fork(after_in_child=_proctor_forked)
            # Nothing the program can reach unblocks signals: the function is replaced by one that holds no
            # reference to the real one or to the runner (its globals are its own, nearly empty ones).
            import signal, _signal
            signal.pthread_sigmask = _signal.pthread_sigmask = _PROCTOR_SEALED_SIGMASK
            # ctypes is imported again only through an import the audit hook sees.
            for name in [name for name in sys.modules if name == 'ctypes' or name.startswith('ctypes.') or name == '_ctypes']:
                del sys.modules[name]
            _proctor_runner_tables()
            _PROCTOR_ONCE.append(True)


        _PROCTOR_TABLES = None


        def _proctor_runner_tables():
            """What every run's audit hook consults, made once per process (a warm worker's before it forks)."""
            global _PROCTOR_TABLES
            if _PROCTOR_TABLES is None:
                import builtins
                (getframe_ok, _), currentframe, find_caller, (walkers, _), (consumers, _) = _proctor_allowed_stdlib()
                trusted, kept = _proctor_codes(*[f.__code__ for f in (
                    _proctor_grade, _proctor_equal, _proctor_unequal, _proctor_plain, _proctor_compares_by_program,
                    _proctor_forged, _proctor_contents, _proctor_suspect, _proctor_forked, _proctor_snapshot,
                    _proctor_patched)])
                always = frozenset((
                    'sys._current_frames', 'sys._current_exceptions', 'gc.get_objects', 'gc.get_referrers',
                    'gc.get_referents', 'sys.settrace', 'sys.setprofile', 'sys.addaudithook',
                    'sys.monitoring.register_callback', 'sys.monitoring.use_tool_id', 'sys.monitoring.set_events',
                    'sys.monitoring.set_local_events'))
                watched = always | {'sys._getframe', 'object.__getattr__', 'object.__setattr__', 'import', 'open', 'os.chdir'}
                _PROCTOR_TABLES = (
                    getframe_ok, currentframe, find_caller, walkers, consumers, trusted, dict(builtins.__dict__), always,
                    frozenset(('tb_frame', 'gi_frame', 'cr_frame', 'ag_frame')),
                    frozenset(('ctypes', '_ctypes', '_testcapi', '_testinternalcapi', 'unittest.mock')), watched, kept)
            return _PROCTOR_TABLES


        def _proctor_grade(program, nonce, report_fd, lint, compiled, module='__main__'):
            """Runs the program, then each test statement, reporting each step on `report_fd`; never returns.

            `nonce` is a bytearray, scrubbed in every process the program forks. Everything used after the program
            starts is bound first: replacing builtins or module attributes cannot change what this reports.
            """
            import builtins, os, sys, _signal, _thread
            write, exit_now, getpid = os.write, os._exit, os.getpid
            exec_, compile_, type_, str_, len_, bytes_, dict_ = exec, compile, type, str, len, bytes, dict
            BaseException_, SystemExit_, SyntaxError_ = BaseException, SystemExit, SyntaxError
            getframe, get_ident, basename, realpath = sys._getframe, _thread.get_ident, os.path.basename, os.path.realpath
            sigmask, sig_block = _PROCTOR_SIGMASK, _signal.SIG_BLOCK
            runner = getpid()

            def report(kind, *fields):
                if getpid() != runner:
                    return
                line = b'\n' + bytes_(nonce) + (' ' + kind + ''.join([' ' + str_(f).encode('utf-8', 'replace').hex() for f in fields]) + '\n').encode('ascii')
                while line:
                    line = line[write(report_fd, line):]

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

            def refuse(what):
                report(_K_TAMPERED, what)
                exit_now(0)

            if compiled[0] != 'ok':
                report(_K_INVALID_TESTS, compiled[1])
                finish()
            statements, test_lines = compiled[1], compiled[2]
            try:
                code = compile_(program, 'program.py', 'exec')
            except SyntaxError_ as error:
                where = 'program.py' if error.lineno is None else 'program.py, line ' + str_(error.lineno)
                report(_K_CRASHED, type_(error).__name__ + ': ' + str_(error.msg), where)
                finish()
            except (ValueError, RecursionError, MemoryError) as error:
                # A NUL byte in the source, or code nested too deep to compile.
                report(_K_CRASHED, describe(error), 'program.py')
                finish()
            if lint:
                undefined = _proctor_undefined(program)
                if undefined:
                    report(_K_LINT, '; '.join(["undefined name '" + name + "' (line " + str_(line) + ')' for line, name in undefined]))
                    finish()
            found = _proctor_static(program)
            if found is not None:
                refuse(found)

            (getframe_ok, currentframe, find_caller, walkers, consumers, trusted, pristine, always, frame_attributes,
             modules, watched, _) = _proctor_runner_tables()
            protected = compiled[3]
            imported = _proctor_snapshot(compiled[4])

            # No signal handler of the program runs in this process: a handler receives the frame it interrupted.
            sigmask(sig_block, _signal.valid_signals())
            _PROCTOR_RUN[:] = [nonce, report_fd]
            os.set_inheritable(report_fd, False)
            _proctor_once()

            busy = set()

            def judge(event, args):
                if event in always:
                    return event
                if event[:7] == 'ctypes.':
                    return 'ctypes'
                if event == 'import':
                    name = args[0]
                    return 'import ' + name if name in modules or name.split('.')[0] in modules else None
                if event == 'object.__setattr__':
                    return 'replaces the code of a function' if args[1] == '__code__' else None
                if event == 'open' or event == 'os.chdir':
                    path = args[0]
                    if type_(path) is bytes_:
                        path = path.decode('utf-8', 'replace')
                    if type_(path) is not str_:
                        return None
                    if basename(path.rstrip('/')) == 'mem':
                        return 'opens ' + path
                    parts = realpath(path).split('/')
                    if len_(parts) > 2 and parts[1] == 'proc' and (parts[-1] == 'mem' or parts[2].isdigit() and int(parts[2]) != getpid()):
                        return 'opens ' + path
                    return None
                caller = getframe(2)
                code = caller.f_code
                if id(code) in trusted:
                    return None
                if event == 'sys._getframe':
                    if id(code) in getframe_ok:
                        return None
                    if code is currentframe:
                        outer = caller.f_back
                        if outer is not None and outer.f_code is find_caller and not outer.f_locals.get('stack_info'):
                            return None
                    return 'sys._getframe'
                name = args[1]
                if name in frame_attributes:
                    outer = caller.f_back
                    if id(code) in walkers and outer is not None and id(outer.f_code) in consumers:
                        return None
                    return name
                if name == '__code__':
                    target = args[0]
                    if type_(target) is _PROCTOR_FUNCTION and id(_proctor_code(target)) in protected:
                        return "reads the tests' code"
                return None

            def hook(event, args):
                if event not in watched and (event[0] != 'c' or event[:7] != 'ctypes.'):
                    return
                me = get_ident()
                if me in busy:
                    return
                busy.add(me)
                try:
                    what = judge(event, args)
                except BaseException_ as error:
                    what = event + ' (' + describe(error) + ')'
                finally:
                    busy.discard(me)
                if what is not None:
                    refuse(what)

            def line_of(error, filename):
                """The last line of `filename` in `error`'s traceback, read by this runner alone, or None."""
                line = None
                tb = BaseException_.__traceback__.__get__(error)
                while tb is not None:
                    if tb.tb_frame.f_code.co_filename == filename:
                        line = tb.tb_lineno
                    tb = tb.tb_next
                return line

            # `__main__` runs the program as a script; `solution` imports it, as HumanEval's grader does, so a demo
            # block under `if __name__ == "__main__":` does not run. Either way it is `__main__` in sys.modules too:
            # nothing leads back to this runner's module.
            main = type_(sys)(module if module in ('__main__', 'solution') else '__main__')
            main.__file__ = 'program.py'
            main.__builtins__ = builtins
            sys.modules['__main__'] = main
            sys.modules[main.__name__] = main
            namespace = main.__dict__
            sys.argv = ['program.py']
            del program, compiled
            sys.addaudithook(hook)
            report(_K_READY)
            try:
                exec_(code, namespace)
            except SystemExit_ as error:
                status = SystemExit_.__dict__['code'].__get__(error)
                if not (status is None or type_(status) in (int, bool) and status == 0):
                    try:
                        text = str_(status)
                    except BaseException_:
                        text = '?'
                    report(_K_EXITED, text)
                    finish()
            except BaseException_ as error:
                try:
                    line = line_of(error, 'program.py')
                    place = '' if line is None else 'program.py, line ' + str_(line)
                except BaseException_:
                    place = ''
                report(_K_CRASHED, describe(error), place)
                finish()
            patched = _proctor_patched(imported)
            if patched is not None:
                refuse('patches ' + patched + ', which the tests use')
            report(_K_PROGRAM_DONE)
            scope = dict_(namespace)
            scope['__builtins__'] = pristine
            for index, (number, statement) in enumerate(statements, 1):
                try:
                    exec_(statement, scope)
                except BaseException_ as error:
                    line = number
                    try:
                        line = line_of(error, '<tests>') or number
                    except BaseException_:
                        pass
                    text = test_lines[line - 1].strip() if 0 < line <= len_(test_lines) else ''
                    report(_K_FAILED, index, text, describe(error))
                    finish()
                patched = _proctor_patched(imported)
                if patched is not None:
                    refuse('patches ' + patched + ', which the tests use')
                report(_K_OK, index)
            report(_K_PASSED, len_(statements))
            finish()

        """#

    /// The cold entry point: finds the two pipes, reads the nonce and the files, then grades (or, with the argument
    /// `plan`, only compiles the tests and reports how many statements they have).
    static let source = grade + #"""

        def _proctor_cold():
            import fcntl, os, random, resource, stat, sys
            mode = sys.argv[1] if len(sys.argv) > 1 else 'tests'
            secret_fd = report_fd = None
            for name in os.listdir('/proc/self/fd'):
                fd = int(name)
                if fd < 3:
                    continue
                try:
                    if not stat.S_ISFIFO(os.fstat(fd).st_mode):
                        continue
                    access = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
                except OSError:
                    continue
                if access == os.O_RDONLY:
                    secret_fd = fd
                elif access == os.O_WRONLY:
                    report_fd = fd
            if secret_fd is None or report_fd is None:
                os._exit(70)
            highest = max(17, min(resource.getrlimit(resource.RLIMIT_NOFILE)[0], 256) - 8)
            moved = fcntl.fcntl(report_fd, fcntl.F_DUPFD, random.randrange(16, highest))
            os.close(report_fd)
            nonce = bytearray()
            while True:
                chunk = os.read(secret_fd, 4096)
                if not chunk:
                    break
                nonce += chunk
            os.close(secret_fd)
            nonce = bytearray(nonce.strip())
            if mode != 'plan':
                # Non-dumpable, as a warm worker's samples are: a process of the same uid that the program starts,
                # without the audit hook, cannot read this one's memory through /proc.
                import ctypes
                ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)
            with open('tests.py', encoding='utf-8', errors='replace') as f:
                tests = f.read()
            os.unlink('tests.py')
            compiled = _proctor_compile_tests(tests)
            del tests
            if mode == 'plan':
                line = b'\n' + bytes(nonce) + b' ' + (_K_PLAN.encode() + b' ' + str(len(compiled[1])).encode().hex().encode() if compiled[0] == 'ok'
                                                     else _K_INVALID_TESTS.encode() + b' ' + compiled[1].encode('utf-8', 'replace').hex().encode()) + b'\n'
                os.write(moved, line)
                os._exit(0)
            with open('program.py', encoding='utf-8', errors='replace') as f:
                program = f.read()
            _proctor_grade(program, nonce, moved, mode == 'lint', compiled, sys.argv[2] if len(sys.argv) > 2 else '__main__')

        _proctor_cold()

        """#
}
