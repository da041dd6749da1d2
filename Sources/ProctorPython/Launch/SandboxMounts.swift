import Glibc

/// What a bubblewrap sandbox sees of the host: read-only, only what the interpreter needs.
///
/// The root is an empty tmpfs. Bound read-only: `/usr` (and `/bin`, `/lib`, `/lib64`, `/sbin` as the host has
/// them: links into `/usr` or directories), a few files of `/etc` that the dynamic loader and the C library read,
/// and the interpreter's own directories. No project files, home directories, `/var`, `/run` or host sockets.
/// Writable, size-capped and private: `/tmp`, `/dev/shm` and the scratch directory.
enum SandboxMounts {
    /// Directories bound whole.
    static let systemDirectories = ["/usr", "/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin"]

    /// Files and directories of `/etc` bound when they exist: none of them holds a secret.
    static let configuration = [
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
        "/etc/passwd", "/etc/group", "/etc/alternatives",
    ]

    /// bubblewrap arguments for the read-only part, `interpreterPaths` being real paths outside the system
    /// directories.
    static func readOnly(interpreterPaths: [String]) -> [String] {
        var arguments: [String] = []
        for directory in systemDirectories {
            var info = stat()
            guard lstat(directory, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFLNK, let target = linkTarget(directory) {
                arguments += ["--symlink", target, directory]
            } else if info.st_mode & S_IFMT == S_IFDIR {
                arguments += ["--ro-bind", directory, directory]
            }
        }
        var made: Set<String> = []
        for path in configuration + interpreterPaths where access(path, F_OK) == 0 {
            // bubblewrap makes missing parents 0700; the sandbox's uid must be able to pass through them.
            var ancestor = ""
            for component in path.split(separator: "/").dropLast() {
                ancestor += "/" + component
                if made.insert(ancestor).inserted { arguments += ["--perms", "0755", "--dir", ancestor] }
            }
            arguments += ["--ro-bind", path, path]
        }
        return arguments
    }

    /// bubblewrap arguments for `/dev`, `/proc` and the private, size-capped `/tmp` and `/dev/shm`.
    static func privateFileSystems(bytes: Int) -> [String] {
        ["--dev", "/dev", "--size", String(bytes), "--perms", "1777", "--tmpfs", "/dev/shm", "--proc", "/proc"]
            + ["--size", String(bytes), "--perms", "1777", "--tmpfs", "/tmp"]
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
