import Foundation
import Glibc

/// The real interpreter behind a `python3` on PATH (a pyenv shim costs 130–250 ms per start).
struct PythonInterpreter: Sendable, Hashable {
    /// `sys.executable`: the path to exec.
    var executable: String
    /// Real paths the interpreter needs readable: its binary's directory and `sys.base_prefix`.
    var neededPaths: [String]

    /// Asks `command` (a path, or a name looked up on PATH) for its real executable and prefix.
    static func resolve(_ command: String) throws -> PythonInterpreter {
        guard let path = lookUp(command) else { throw PythonSandboxError("no \(command) on PATH") }
        let script = """
            import os, sys
            print(sys.executable)
            print(os.path.dirname(os.path.realpath(sys.executable)))
            print(os.path.realpath(sys.base_prefix))
            """
        let output = try BlockingRun.capture(executable: path, arguments: ["-I", "-S", "-c", script])
        let lines = output.split(separator: "\n").map(String.init)
        guard lines.count == 3, lines.allSatisfy({ $0.hasPrefix("/") }) else {
            throw PythonSandboxError("\(path) did not report its executable: \(output.prefix(200))")
        }
        return PythonInterpreter(executable: lines[0], neededPaths: Array(Set(lines[1...])).sorted())
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

    /// bubblewrap arguments that let an unprivileged uid reach the interpreter: each ancestor others cannot
    /// search (`/root`) is covered by an empty tmpfs, and the needed paths are bound back read-only.
    func mounts() -> [String] {
        var made: Set<String> = []
        var arguments: [String] = []
        for path in neededPaths {
            var ancestor = ""
            var hiddenBelow: String?
            for component in path.split(separator: "/").dropLast() {
                ancestor += "/" + component
                if let hiddenBelow, ancestor != hiddenBelow {
                    // bubblewrap would create it 0700; make it searchable.
                    if made.insert(ancestor).inserted { arguments += ["--perms", "0755", "--dir", ancestor] }
                    continue
                }
                var info = stat()
                guard stat(ancestor, &info) == 0 else { break }
                if info.st_mode & S_IXOTH == 0 {
                    hiddenBelow = ancestor
                    if made.insert(ancestor).inserted { arguments += ["--tmpfs", ancestor] }
                }
            }
            if hiddenBelow != nil { arguments += ["--ro-bind", path, path] }
        }
        return arguments
    }
}
