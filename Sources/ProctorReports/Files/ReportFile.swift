import Foundation

/// Writes report files so that readers see the old file or the new one, never a partial one.
public enum ReportFile {
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
