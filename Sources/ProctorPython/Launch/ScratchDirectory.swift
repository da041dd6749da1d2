import Foundation
import Glibc

/// A fresh private directory for one run, removed afterwards.
struct ScratchDirectory {
    let path: String

    /// Creates the directory under the system temporary directory, owned by `uid` when given.
    static func create(owner uid: UInt32?) throws -> ScratchDirectory {
        var template = Array("/tmp/proctor-py-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard let made else {
            throw PythonSandboxError("cannot create a scratch directory: \(errnoText())")
        }
        let path = String(cString: made)
        if let uid {
            guard chown(path, uid, uid) == 0 else {
                let reason = errnoText()
                rmdir(path)
                throw PythonSandboxError("cannot hand the scratch directory to uid \(uid): \(reason)")
            }
        }
        chmod(path, 0o755)
        return ScratchDirectory(path: path)
    }

    /// Writes `text` to `name` inside the directory, readable by everyone.
    func write(_ text: String, to name: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        do {
            try Data(text.utf8).write(to: url)
        } catch {
            throw PythonSandboxError("cannot write \(name) to the scratch directory: \(error)")
        }
        chmod(url.path, 0o644)
    }

    /// An open, already unlinked file holding `text`, to hand to the child as stdin.
    func stdinDescriptor(_ text: String) throws -> Int32 {
        let file = path + "/.stdin"
        try write(text, to: ".stdin")
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        unlink(file)
        guard fd >= 0 else { throw PythonSandboxError("cannot open the stdin file: \(errnoText())") }
        return fd
    }

    /// Removes the directory and everything the run left in it, even entries it made unreadable.
    func remove() {
        if (try? FileManager.default.removeItem(atPath: path)) != nil { return }
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            chmod(path, 0o700)
            for case let entry as String in enumerator {
                chmod(path + "/" + entry, 0o700)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
