import Foundation
import ProctorCore

/// Neighbour plans on disk, one file per case content (fixtures, gold, settings), in a folder only this
/// user may read.
///
/// A file holds the SHA-256 of its JSON on the first line, then the JSON. Anything unreadable, corrupt, of
/// another version or key is ignored, and the plan rebuilt and written again; a plan read here is still
/// replayed and checked against the gold's answers before it is used.
public struct NeighbourCache: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    func load(_ key: String) -> NeighbourPlan? {
        guard let data = try? Data(contentsOf: file(key)),
            let newline = data.firstIndex(of: UInt8(ascii: "\n"))
        else { return nil }
        let checksum = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let payload = data[data.index(after: newline)...]
        guard SHA256.hex(String(decoding: payload, as: UTF8.self)) == checksum,
            let plan = try? JSONDecoder().decode(NeighbourPlan.self, from: Data(payload)),
            plan.version == NeighbourPlan.version, plan.key == key
        else { return nil }
        return plan
    }

    /// Writes `plan` atomically; a cache that cannot be written is no error.
    func store(_ plan: NeighbourPlan) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let payload = try? encoder.encode(plan) else { return }
        let fileManager = FileManager.default
        do {
            // The reports folder keeps its permissions; only the cache folder is the owner's alone.
            // Cases are prepared at once: another may create the folder between a check and a create, so
            // creating an existing folder is no error here.
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
            let checksum = SHA256.hex(String(decoding: payload, as: UTF8.self))
            let target = file(plan.key)
            try (Data((checksum + "\n").utf8) + payload).write(to: target, options: .atomic)
            try fileManager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        } catch {
            return
        }
    }

    private func file(_ key: String) -> URL {
        directory.appendingPathComponent(key + ".json")
    }
}
