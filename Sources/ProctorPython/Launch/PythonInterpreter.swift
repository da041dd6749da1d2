import Foundation
import Glibc

/// The real interpreter behind a `python3` on PATH (a pyenv shim costs 130–250 ms per start).
struct PythonInterpreter: Sendable, Hashable {
    /// `sys.executable`: the path to exec.
    var executable: String
    /// Real paths the interpreter needs readable, outside the system directories: its binary's directory, its
    /// prefixes (a venv's and the base one) and every entry of its `sys.path` under `-I` (site-packages and the
    /// paths their `.pth` files add).
    var neededPaths: [String]

    /// Asks `command` (a path, or a name looked up on PATH) for its real executable, prefixes and module path.
    static func resolve(_ command: String) throws -> PythonInterpreter {
        guard let path = lookUp(command) else { throw PythonSandboxError("no \(command) on PATH") }
        let script = """
            import os, sys
            print(sys.executable)
            for p in [os.path.dirname(sys.executable), sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path]:
                if p and os.path.isabs(p) and os.path.exists(p):
                    print(os.path.realpath(p))
            """
        // Without -S: the site module adds site-packages and the paths of .pth files, as it does in the sandbox.
        let output = try BlockingRun.capture(executable: path, arguments: ["-I", "-c", script])
        let lines = output.split(separator: "\n").map(String.init)
        guard lines.count >= 2, lines.allSatisfy({ $0.hasPrefix("/") }) else {
            throw PythonSandboxError("\(path) did not report its executable: \(output.prefix(200))")
        }
        return PythonInterpreter(executable: lines[0], neededPaths: Self.outermost(lines.dropFirst()))
    }

    /// The paths not inside another of them, nor inside a directory the sandbox mounts anyway.
    static func outermost<Paths: Sequence<String>>(_ paths: Paths) -> [String] {
        let unique = Set(paths).sorted()
        func inside(_ path: String, _ directory: String) -> Bool {
            path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
        }
        return unique.filter { path in
            !SandboxMounts.systemDirectories.contains { inside(path, $0) }
                && !unique.contains { $0 != path && inside(path, $0) }
        }
    }

    /// The distribution's interpreter, if there is one.
    static var systemPython: String? {
        access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : nil
    }

    /// `name` itself when it contains a slash, else the first executable of that name on PATH.
    static func lookUp(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }
}
