import Glibc

/// Helpers for the raw descriptors the sandbox talks to its child through.
enum FileDescriptor {
    /// A close-on-exec pipe, so no other child of the harness inherits it.
    static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard systemPipe2(&ends, O_CLOEXEC) == 0 else { throw PythonSandboxError("cannot create a pipe: \(errnoText())") }
        return (ends[0], ends[1])
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Writes all of `bytes`, retrying on interruption.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw PythonSandboxError("cannot write to the sandbox: \(errnoText())")
            }
            offset += written
        }
    }
}

/// glibc's `pipe2`, which the Glibc module does not export (it needs `_GNU_SOURCE`).
@_silgen_name("pipe2")
private func systemPipe2(_ ends: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
