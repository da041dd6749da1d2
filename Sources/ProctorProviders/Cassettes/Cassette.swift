import Foundation
import Glibc
import ProctorCore

/// One cassette file: the recordings of one provider, model and suite, one JSON line each, sorted by case and
/// sample, written atomically.
///
/// New answers are appended as they arrive, so an interrupted recording keeps every answer it finished; the
/// file is sorted again when a recording completes. Of several lines with one key, the last counts.
public struct Cassette: Sendable {
    public let file: URL
    /// The path shown in diagnostics.
    public let displayPath: String
    public private(set) var entries: [String: CassetteEntry] = [:]

    /// `<directory>/<provider>/<model>/<suite>.jsonl`, the model's name made safe for a path.
    public static func file(in directory: URL, provider: String, model: String, suite: String) -> URL {
        directory.appendingPathComponent(safe(provider)).appendingPathComponent(safe(model))
            .appendingPathComponent(safe(suite) + ".jsonl")
    }

    static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
    }

    /// Loads `file`, a file below `directory`, shown as the path from `directory` as the user named it.
    public init(file: URL, below directory: URL) throws {
        try self.init(file: file, displayPath: (directory.relativePath as NSString)
            .appendingPathComponent(String(file.path.dropFirst(directory.path.count).drop { $0 == "/" })))
    }

    /// Loads the file if it exists; throws `BadInput` naming file and line of every line that is not an entry.
    public init(file: URL, displayPath: String) throws {
        self.file = file
        self.displayPath = displayPath
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw BadInput(.error("cannot read the cassette: \(error.localizedDescription)", at: SourceLocation(file: displayPath)))
        }
        var diagnostics: [Diagnostic] = []
        let decoder = JSONDecoder()
        for (number, line) in JSONLines.lines(of: data) {
            do {
                let entry = try decoder.decode(CassetteEntry.self, from: line)
                entries[entry.key] = entry
            } catch {
                diagnostics.append(.error(
                    "not a recorded answer: \(Self.reason(error))", at: SourceLocation(file: displayPath, line: number),
                    hint: "fix or delete the line; `proctor run --record` records what is missing again"))
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
    }

    /// Appends `entry` to the file at once (creating folders), and keeps it.
    public mutating func append(_ entry: CassetteEntry) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file.path) {
            FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: try entry.line())
        entries[entry.key] = entry
    }

    /// Rewrites the file with one line per key, sorted by case order, then sample, then round; atomically.
    ///
    /// A later round whose conversation no longer continues an entry of the file (an earlier answer was asked
    /// again) is dropped: nothing could replay it, and read as a samples file it would pair with the wrong answer.
    public func rewrite(caseOrder: [String: Int]) throws {
        let sorted = Self.chained(Array(entries.values)).sorted {
            let left = (caseOrder[$0.caseID] ?? Int.max, $0.caseID, Int($0.sample) ?? 0, $0.round ?? 1, $0.key)
            let right = (caseOrder[$1.caseID] ?? Int.max, $1.caseID, Int($1.sample) ?? 0, $1.round ?? 1, $1.key)
            return left < right
        }
        var data = Data()
        for entry in sorted { data += try entry.line() }
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        try data.write(to: temporary)
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw BadInput(.error("cannot replace the cassette: \(reason)", at: SourceLocation(file: displayPath)))
        }
    }

    /// The first answers, and each later round that continues one of the kept entries of the round before.
    static func chained(_ entries: [CassetteEntry]) -> [CassetteEntry] {
        var previous = entries.filter { ($0.round ?? 1) == 1 }
        var kept = previous
        var round = 2
        while !previous.isEmpty {
            let next = entries.filter { entry in
                entry.round == round && previous.contains { earlier in
                    earlier.caseID == entry.caseID && earlier.sample == entry.sample && earlier.variant == entry.variant
                        && Array(entry.request.messages.dropLast(2)) == earlier.request.messages
                        && entry.request.messages.dropLast().last?.content == earlier.response
                }
            }
            kept += next
            previous = next
            round += 1
        }
        return kept
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong value at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        default: "not valid JSON"
        }
    }
}
