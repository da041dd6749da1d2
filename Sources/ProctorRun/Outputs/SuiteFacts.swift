import Foundation
import ProctorCore

/// What the history records about a run's suites: the commit their repository is at, their content hashes.
enum SuiteFacts {
    /// The commit the suites' repository is at, if they are in one.
    static func gitCommit(of suites: [Suite]) -> String? {
        guard let folder = suites.first?.file.deletingLastPathComponent() else { return nil }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", folder.path, "rev-parse", "HEAD"]
        let output = Pipe()
        git.standardOutput = output
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        let commit = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return git.terminationStatus == 0 && !commit.isEmpty ? commit : nil
    }

    /// The SHA-256 of each suite file's bytes, by suite name.
    static func contentHashes(of suites: [Suite]) -> [String: String] {
        Dictionary(suites.compactMap { suite in
            (try? Data(contentsOf: suite.file)).map { (suite.name, SHA256.hex(String(decoding: $0, as: UTF8.self))) }
        }, uniquingKeysWith: { first, _ in first })
    }
}
