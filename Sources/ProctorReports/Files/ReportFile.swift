import Foundation

/// Writes report files so that readers see the old file or the new one, never a partial one.
public enum ReportFile {
    /// Checks that ``write(_:to:)`` can replace the file at `path`, before there is anything to write: throws
    /// ``ReportError`` when the path names a directory or something that is not a regular file, or when its folder
    /// cannot be created or written in. Creates the missing folders, as writing would; leaves no file behind.
    public static func check(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if path.hasSuffix("/") || (exists && isDirectory.boolValue) { throw ReportError("it is a directory") }
        var status = stat()
        if lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG, (status.st_mode & S_IFMT) != S_IFLNK {
            throw ReportError("it is not a regular file (a device, pipe or socket), and a report replaces its file")
        }
        let directory = url.deletingLastPathComponent()
        var missing: [URL] = []
        var folder = directory
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        for folder in missing.reversed() where mkdir(folder.path, 0o777) != 0 && errno != EEXIST {
            throw ReportError("cannot create its folder \(folder.path): \(String(cString: strerror(errno)))")
        }
        let probe = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).check")
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw ReportError("cannot write in its folder \(directory.path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        unlink(probe.path)
    }

    /// Writes `data` to the file URL `url`, creating missing parent directories and replacing any existing
    /// file atomically (a temporary file beside it, then `rename`).
    public static func write(_ data: Data, to url: URL) throws {
        guard url.isFileURL else { throw ReportError("cannot write report to \(url): not a file URL") }
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError("cannot create directory \(directory.path) for report \(url.lastPathComponent): \(error.localizedDescription)")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError("cannot write report \(url.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError("cannot write report \(url.path): \(reason)")
        }
    }
}
