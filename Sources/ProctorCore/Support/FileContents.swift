import Foundation

/// Reads a whole input file — a regular file, or a pipe such as `--samples <(cmd)` — until end of file.
///
/// `Data(contentsOf:)` refuses pipes (it reports "You don't have permission"); this reads with `read(2)`.
public enum FileContents {
    /// Why a file could not be read, in the system's words (`No such file or directory`, `Is a directory`).
    public struct Failure: Error, Sendable, LocalizedError {
        public var errorDescription: String?
    }

    public static func read(_ url: URL) throws -> Data {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(errorDescription: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(errorDescription: String(cString: strerror(errno)))
            }
            data.append(contentsOf: buffer[0..<count])
        }
    }
}
