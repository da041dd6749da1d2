import CSQLite
import Foundation
import ProctorCore

/// A fixture database, built once from its SQL script and kept as one serialized image.
///
/// The image is never written after `load`: every sample opens it with `SQLITE_DESERIALIZE_READONLY`, so
/// connections on any thread share it.
final class Fixture: @unchecked Sendable {
    let url: URL
    let image: UnsafeMutablePointer<UInt8>
    let size: Int64
    /// What reasons call the database: the script's file name, or a neighbour's description.
    let name: String
    /// SHA-256 of the script and the SQLite version that built it: the content the neighbour cache is keyed by.
    let digest: String

    /// Takes ownership of `image`, which must come from SQLite's allocator (`sqlite3_serialize`).
    init(url: URL, image: UnsafeMutablePointer<UInt8>, size: Int64, name: String, digest: String) {
        self.url = url
        self.image = image
        self.size = size
        self.name = name
        self.digest = digest
    }

    deinit {
        sqlite3_free(image)
    }

    /// Runs the script at `url` into a fresh in-memory database and serializes it.
    static func load(_ url: URL) -> Result<Fixture, FixtureProblem> {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(FixtureProblem("fixture not found: \(path)"))
        }
        let script: String
        do {
            script = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        } catch {
            return .failure(FixtureProblem("fixture not readable: \(path)"))
        }

        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(":memory:", &handle, flags, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close_v2(handle)
            return .failure(FixtureProblem("cannot open an in-memory SQLite database for \(path)"))
        }
        defer { sqlite3_close_v2(db) }

        if let problem = run(script, on: db) {
            return .failure(FixtureProblem("fixture script failed: \(path):\(problem.line): \(problem.message)"))
        }
        var size: Int64 = 0
        guard let image = sqlite3_serialize(db, "main", &size, 0) else {
            return .failure(FixtureProblem("fixture script built no database: \(path)"))
        }
        let digest = SHA256.hex(String(cString: sqlite3_libversion()) + "\n" + script)
        return .success(Fixture(url: url, image: image, size: size, name: url.lastPathComponent, digest: digest))
    }

    /// Runs each statement of `script`; the first error with its 1-based line.
    private static func run(_ script: String, on db: OpaquePointer) -> (line: Int, message: String)? {
        script.withCString { base -> (line: Int, message: String)? in
            var cursor: UnsafePointer<CChar>? = base
            while let start = cursor, start.pointee != 0 {
                var statement: OpaquePointer?
                var rc = sqlite3_prepare_v2(db, start, -1, &statement, &cursor)
                if rc == SQLITE_OK, let statement {
                    repeat { rc = sqlite3_step(statement) } while rc == SQLITE_ROW
                    sqlite3_finalize(statement)
                    if rc == SQLITE_DONE { rc = SQLITE_OK }
                }
                if rc != SQLITE_OK {
                    let offset = base.distance(to: start)
                    let skipped = UnsafeBufferPointer(start: base, count: offset)
                    var line = 1 + skipped.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                    var lead = start
                    while lead.pointee == 0x20 || lead.pointee == 0x0A || lead.pointee == 0x09 || lead.pointee == 0x0D {
                        if lead.pointee == 0x0A { line += 1 }
                        lead += 1
                    }
                    return (line, String(cString: sqlite3_errmsg(db)))
                }
                if cursor == start { break }
            }
            return nil
        }
    }
}
