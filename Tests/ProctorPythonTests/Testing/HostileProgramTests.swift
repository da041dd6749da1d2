import ProctorCore
import ProctorPython
import Testing

/// Programs written to forge a pass, each with the verdict it must get, and the legitimate look-alikes that must
/// still pass; on every sandbox (cold with namespaces, warm workers, the fallback).
@Suite("Hostile programs")
struct HostileProgramTests {
    enum Expected: Sendable, CustomStringConvertible {
        /// `error: the program inspects or patches the grader (...)`, the parenthesis containing this text.
        case tampered(String)
        /// `fail` at the first statement.
        case failsFirstStatement
        /// `error`, whatever the reason, never a pass.
        case error
        case passes

        var description: String {
            switch self {
            case .tampered(let what): "tampered(\(what))"
            case .failsFirstStatement: "fails"
            case .error: "error"
            case .passes: "passes"
            }
        }
    }

    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var program: String
        var tests = "assert multiply(2, 3) == 6\nassert multiply(3, 3) == 9\n"
        var expected: Expected

        var testDescription: String { "\(name) → \(expected)" }
    }

    static let wrong = "def multiply(a, b):\n    return a + b\n"
    static let right = "def multiply(a, b):\n    return a * b\n"

    static let attacks: [Sample] = [
        Sample(
            name: "clears the runner's statements through a frame",
            program: "import sys\nsys._getframe(1).f_locals['statements'].clear()\n" + wrong, tests: "assert False\n",
            expected: .tampered("f_locals, line 2")),
        Sample(
            name: "fullwidth look-alikes of _getframe and f_locals, which Python reads as those names",
            program: "import sys\nsys._\u{FF47}etframe(1).\u{FF46}_locals['statements'].clear()\n" + wrong, tests: "assert False\n",
            expected: .tampered("f_locals, line 2")),
        Sample(
            name: "reaches a frame with an obfuscated sys._getframe",
            program: "import sys\ngrab = getattr(sys, '_get' + 'frame')\nframe = grab(1)\n" + wrong,
            expected: .tampered("sys._getframe")),
        Sample(
            name: "calls the runner's reporter from its frame",
            program: "import sys\nf = getattr(sys, '_get' + 'frame')(1)\nf.__getattribute__('f_' + 'locals')['report']('passed', 2)\n"
                + wrong,
            expected: .tampered("sys._getframe")),
        Sample(
            name: "inspect.currentframe",
            program: "import inspect\nframe = getattr(inspect, 'current' + 'frame')()\n" + wrong,
            expected: .tampered("sys._getframe")),
        Sample(
            name: "walks up from a traceback",
            program: "try:\n    1 / 0\nexcept ZeroDivisionError as error:\n    frame = getattr(error.__traceback__, 'tb_' + 'frame')\n" + wrong,
            expected: .tampered("tb_frame")),
        Sample(
            name: "a generator's frame",
            program: "def g():\n    yield 1\nframe = getattr(g(), 'gi_' + 'frame')\n" + wrong,
            expected: .tampered("gi_frame")),
        Sample(
            name: "walks the heap with gc",
            program: "import gc\nobjects = getattr(gc, 'get_' + 'objects')()\n" + wrong,
            expected: .tampered("gc.get_objects")),
        Sample(
            name: "an exception's __str__ reads the runner's frame",
            program: "import sys\nclass Sneaky(Exception):\n    def __str__(self):\n        getattr(sys, '_get' + 'frame')(1)\n        return 'x'\n"
                + "def multiply(a, b):\n    raise Sneaky()\n",
            expected: .tampered("sys._getframe")),
        Sample(
            name: "hooks tracing",
            program: "import sys\ngetattr(sys, 'set' + 'trace')(lambda *args: None)\n" + wrong,
            expected: .tampered("sys.settrace")),
        Sample(
            name: "loads ctypes",
            program: "c = __import__('c' + 'types')\n" + wrong,
            expected: .tampered("import ctypes")),
        Sample(
            name: "reads its own memory",
            program: "memory = open('/proc/self/' + 'm' + 'em', 'rb')\n" + wrong,
            expected: .tampered("opens /proc/self/mem")),
        Sample(
            name: "a signal handler that would receive the runner's frame never runs",
            program: "import signal, time\nran = []\nsignal.signal(signal.SIGALRM, lambda s, frame: ran.append(frame))\n"
                + "signal.setitimer(signal.ITIMER_REAL, 0.01, 0.01)\ntime.sleep(0.1)\n"
                + "def multiply(a, b):\n    return len(ran) + 1000\n",
            expected: .failsFirstStatement),
        Sample(
            name: "unblocks signals to let its handler run",
            program: "import signal\nunmask = getattr(signal, 'pthread_' + 'sigmask')\nunmask(signal.SIG_UNBLOCK, [signal.SIGALRM])\n" + wrong,
            expected: .error),
        Sample(
            name: "reads the runner's globals through the function that replaced pthread_sigmask",
            program: "import signal\ng = getattr(signal, 'pthread_' + 'sigmask').__globals__\n"
                + "g['_proctor_equal'].__code__ = (lambda a, b: True).__code__\n" + wrong,
            expected: .error),
        Sample(
            name: "replaces a function's code",
            program: "def multiply(a, b):\n    return a + b\nmultiply.__code__ = (lambda a, b: a * b + 0).__code__\n",
            expected: .tampered("replaces the code of a function")),
        Sample(
            name: "patches a library class the tests rely on",
            program: "import collections\ncollections.Counter.__eq__ = lambda self, other: True\n"
                + "def multiply(a, b):\n    return collections.Counter('x')\n",
            tests: "import collections\nassert multiply(2, 3) == collections.Counter('yy')\n",
            expected: .tampered("patches collections.Counter.__eq__, which the tests use")),
        Sample(
            name: "patches a module function the tests call",
            program: "import math\nmath.isclose = lambda *a, **k: True\ndef multiply(a, b):\n    return 0.5\n",
            tests: "import math\nassert math.isclose(multiply(2, 3), 6.0)\n", expected: .tampered("patches math.isclose, which the tests use")),
        Sample(
            name: "unittest.mock.ANY equals everything",
            program: "from unittest import mock\ndef multiply(a, b):\n    return mock.ANY\n",
            expected: .tampered("import unittest.mock")),
        Sample(
            name: "a child interpreter reads the runner's memory",
            program: "import os, subprocess, sys\nhelper = 'import sys\\ntry:\\n    open(\"/proc/%s/mem\" % sys.argv[1], \"rb\")\\n    print(\"read\")\\nexcept OSError:\\n    print(\"denied\")'\n"
                + "seen = subprocess.run([sys.executable, '-I', '-c', helper, str(os.getpid())], capture_output=True, text=True).stdout\n"
                + "def multiply(a, b):\n    return a * b if seen.strip() == 'read' else a + b\n",
            expected: .failsFirstStatement),
        Sample(
            name: "forges report lines on every descriptor",
            program: "import os\nfor fd in range(3, 256):\n    try:\n        os.write(fd, b'\\n' + b'ab' * 16 + b' passed 32\\n')\n"
                + "    except OSError:\n        pass\n" + wrong,
            expected: .error),
        Sample(
            name: "prints the runner's protocol",
            program: "print('0123456789abcdef' * 2 + ' passed 32')\n" + wrong, expected: .error),
        Sample(
            name: "returns an object equal to everything",
            program: "class Anything:\n    def __eq__(self, other):\n        return True\n    def __ne__(self, other):\n        return False\n"
                + "def multiply(a, b):\n    return Anything()\n",
            tests: "assert multiply(2, 3) == 81\n", expected: .failsFirstStatement),
        Sample(
            name: "an int subclass equal to everything",
            program: "class Anything(int):\n    __eq__ = lambda self, other: True\ndef multiply(a, b):\n    return Anything(0)\n",
            tests: "assert multiply(2, 3) == 81\n", expected: .failsFirstStatement),
        Sample(
            name: "a list of objects equal to everything",
            program: "class Anything:\n    def __eq__(self, other):\n        return True\ndef multiply(a, b):\n    return [Anything()]\n",
            tests: "assert multiply(2, 3) == [81]\n", expected: .failsFirstStatement),
        Sample(
            name: "a list subclass, a namedtuple and a UserList holding objects equal to everything",
            program: "import collections\nclass Anything:\n    def __eq__(self, other):\n        return True\n"
                + "class L(list):\n    pass\nP = collections.namedtuple('P', 'x y')\n"
                + "def multiply(a, b):\n    return {6: L([Anything()]), 9: P(Anything(), Anything())}.get(a * b, collections.UserList([Anything()]))\n",
            tests: "assert multiply(2, 3) == [6]\nassert multiply(3, 3) == (9, 9)\nassert multiply(1, 1) == [1]\n",
            expected: .failsFirstStatement),
        Sample(
            name: "a tuple of an int and an object equal to everything",
            program: "class Anything:\n    def __eq__(self, other):\n        return True\n"
                + "def multiply(a, b):\n    return (a * b, Anything())\n",
            tests: "assert multiply(2, 3) == (6, 7)\n", expected: .failsFirstStatement),
        Sample(
            name: "a list of lists, one holding an object equal to everything",
            program: "class Anything:\n    def __eq__(self, other):\n        return True\n"
                + "def multiply(a, b):\n    return [[a * b], [Anything()]]\n",
            tests: "assert multiply(3, 3) == [[9], [10]]\n", expected: .failsFirstStatement),
        Sample(
            name: "str, float and bool subclasses equal to everything, in a list",
            program: "class S(str):\n    __eq__ = lambda self, other: True\nclass F(float):\n    __eq__ = lambda self, other: True\n"
                + "def multiply(a, b):\n    return [S('x'), F(0.0)]\n",
            tests: "assert multiply(2, 3) == ['6', 6.0]\n", expected: .failsFirstStatement),
        Sample(
            name: "a class whose metaclass claims it is int, in a list",
            program: "class Meta(type):\n    def __eq__(cls, other):\n        return True\n    def __hash__(cls):\n        return hash(int)\n"
                + "class Anything(metaclass=Meta):\n    def __eq__(self, other):\n        return True\n"
                + "def multiply(a, b):\n    return [Anything(), Anything()]\n",
            tests: "assert multiply(2, 3) == [6, 6]\n", expected: .failsFirstStatement),
        Sample(
            name: "a list holding an object unequal to nothing, under !=",
            program: "class Same:\n    def __eq__(self, other):\n        return True\n    def __ne__(self, other):\n        return False\n"
                + "def multiply(a, b):\n    return [Same()]\n",
            tests: "assert not (multiply(2, 3) != [6])\n", expected: .failsFirstStatement),
        Sample(
            name: "an object equal to everything against a Fraction",
            program: "class Anything:\n    def __eq__(self, other):\n        return True\ndef multiply(a, b):\n    return Anything()\n",
            tests: "from fractions import Fraction\nassert multiply(2, 3) == Fraction(6)\n", expected: .failsFirstStatement),
        Sample(
            name: "a Fraction whose numerator is equal to everything",
            program: "from fractions import Fraction\nclass Anything:\n    def __eq__(self, other):\n        return True\n"
                + "def multiply(a, b):\n    f = Fraction.__new__(Fraction)\n    f._numerator, f._denominator = Anything(), 1\n    return f\n",
            tests: "from fractions import Fraction\nassert multiply(2, 3) == Fraction(6)\n", expected: .failsFirstStatement),
        Sample(
            name: "patches a builtin the tests use",
            program: "import builtins\nbuiltins.abs = lambda x: 0\ndef multiply(a, b):\n    return 0\n",
            tests: "assert abs(multiply(2, 3) - 6) < 1e-9\n", expected: .failsFirstStatement),
        Sample(
            name: "replaces builtins.type so that an always-equal object looks like an int to the comparison",
            program: "import builtins\nreal = type\nclass Anything:\n    def __eq__(self, other):\n        return True\n"
                + "def fake(*args):\n    return int if len(args) == 1 and real(args[0]) is Anything else real(*args)\n"
                + "builtins.type = fake\ndef multiply(a, b):\n    return Anything()\n",
            expected: .failsFirstStatement),
        Sample(
            name: "replaces builtins.type so that a list holding an always-equal object looks plain",
            program: "import builtins\nreal = type\nclass Anything:\n    def __eq__(self, other):\n        return True\n"
                + "def fake(*args):\n    return int if len(args) == 1 and real(args[0]) is Anything else real(*args)\n"
                + "builtins.type = fake\ndef multiply(a, b):\n    return [Anything()]\n",
            tests: "assert multiply(2, 3) == [6]\n", expected: .failsFirstStatement),
        Sample(
            name: "replaces AssertionError and sys.exit",
            program: "import builtins, sys\nclass Harmless(Exception):\n    pass\nbuiltins.AssertionError = Harmless\nsys.exit = lambda *a: None\n" + wrong,
            expected: .failsFirstStatement),
        Sample(
            name: "os._exit before the tests",
            program: wrong + "import os\nos._exit(0)\n", expected: .error),
        Sample(
            name: "os._exit inside a tested function",
            program: "import os\ndef multiply(a, b):\n    os._exit(0)\n", expected: .error),
        Sample(
            name: "a forked child's handler finds nothing to report with",
            program: "import os, signal, time\npid = os.fork()\nif pid == 0:\n    signal.signal(signal.SIGUSR1, lambda s, f: None)\n"
                + "    os.kill(os.getpid(), signal.SIGUSR1)\n    time.sleep(0.05)\n    os._exit(0)\nos.waitpid(pid, 0)\n" + wrong,
            expected: .failsFirstStatement),
    ]

    static let lookAlikes: [Sample] = [
        Sample(
            name: "its own class compared with its own class",
            program: "class Vector:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n    def __eq__(self, other):\n"
                + "        return (self.x, self.y) == (other.x, other.y)\n    def __add__(self, other):\n"
                + "        return Vector(self.x + other.x, self.y + other.y)\n",
            tests: "assert Vector(1, 2) + Vector(3, 4) == Vector(4, 6)\nassert [Vector(1, 1)] == [Vector(1, 1)]\n"
                + "assert Vector(1, 2) != Vector(2, 1)\n",
            expected: .passes),
        Sample(
            name: "sys.exit(main())",
            program: right + "def main():\n    print(multiply(2, 3))\n    return 0\nimport sys\nsys.exit(main())\n", expected: .passes),
        Sample(
            name: "a __main__-guarded program",
            program: right + "if __name__ == '__main__':\n    print(multiply(2, 3))\n", expected: .passes),
        Sample(
            name: "namedtuple, enum, typing and dataclasses",
            program: "import collections, dataclasses, enum, typing\nPoint = collections.namedtuple('Point', 'x y')\n"
                + "Color = enum.Enum('Color', 'red green')\nclass Size(enum.IntEnum):\n    S = enum.auto()\nT = typing.TypeVar('T')\n"
                + "Pair = typing.NamedTuple('Pair', [('a', int)])\n@dataclasses.dataclass\nclass Box:\n    value: int\n"
                + "def multiply(a, b):\n    return Point(Box(a * b).value, 0).x\n",
            expected: .passes),
        Sample(
            name: "logging, logging.exception and traceback.print_exc",
            program: "import logging, traceback\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger('m')\n"
                + "try:\n    1 / 0\nexcept ZeroDivisionError:\n    traceback.print_exc()\n    log.exception('caught')\n"
                + "def multiply(a, b):\n    log.info('multiplying %d and %d', a, b)\n    return a * b\n",
            expected: .passes),
        Sample(
            name: "a namedtuple compared with a tuple, a Counter with a dict",
            program: "import collections\nP = collections.namedtuple('P', 'x y')\ndef multiply(a, b):\n    return P(a * b, 0)\n"
                + "def counts(s):\n    return collections.Counter(s)\n",
            tests: "assert multiply(2, 3) == (6, 0)\nassert counts('aab') == {'a': 2, 'b': 1}\nassert multiply(1, 1) != (2, 0)\n",
            expected: .passes),
        Sample(
            name: "plain lists, tuples, None, bytes and complex numbers",
            program: right + "def parts(a, b):\n    return [a * b, None, (b'x', 1j)], (1.5, 'y', True)\n",
            tests: "assert parts(2, 3) == ([6, None, (b'x', 1j)], (1.5, 'y', True))\nassert parts(2, 3)[0] != [6, None]\n"
                + "assert parts(2, 3)[1] == (1.5, 'y', 1)\n",
            expected: .passes),
        Sample(
            name: "wraps builtins.type and len, and answers right",
            program: "import builtins\nreal_type, real_len = type, len\nbuiltins.type = lambda *a: real_type(*a)\n"
                + "builtins.len = lambda x: real_len(x)\n" + right + "def pair(a, b):\n    return [a * b, type(a).__name__]\n",
            tests: "assert multiply(2, 3) == 6\nassert pair(2, 3) == [6, 'int']\nassert pair(2, 3) != [6, 'str']\n",
            expected: .passes),
        Sample(
            name: "threads, inspect.signature and a fork",
            program: "import inspect, os\nfrom concurrent.futures import ThreadPoolExecutor\nwith ThreadPoolExecutor(2) as pool:\n"
                + "    list(pool.map(abs, [-1, 2]))\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nos.waitpid(pid, 0)\n" + right
                + "print(inspect.signature(multiply))\n",
            expected: .passes),
    ]

    @Test(arguments: Sandboxes.all, attacks + lookAlikes)
    func getsItsVerdict(_ sandbox: Result<PythonSandbox, any Error>, _ sample: Sample) async throws {
        let run = try await sandbox.get().runTests(
            program: sample.program, tests: sample.tests, limits: PythonLimits(wallTime: .seconds(10)))
        let verdict = run.verdict()
        switch sample.expected {
        case .tampered(let what):
            #expect(verdict.outcome == .error)
            #expect(verdict.reason == "the program inspects or patches the grader (\(what))", "\(run.log)")
        case .failsFirstStatement:
            #expect(verdict.outcome == .fail, "\(verdict.reason) \(run.log)")
            guard case .failed = run.outcome else {
                Issue.record("expected a failed statement, got \(run.outcome)")
                return
            }
        case .error:
            #expect(verdict.outcome == .error, "\(verdict.reason)")
        case .passes:
            #expect(verdict.outcome == .pass, "\(verdict.reason) \(run.log)")
        }
    }
}
