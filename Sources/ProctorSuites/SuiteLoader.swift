import Foundation
import ProctorCore
import Yams

/// Finds and loads suite files, collecting every problem with its file and line.
public struct SuiteLoader: Sendable {
    /// File extensions treated as suites when searching folders.
    public static let suiteExtensions: Set<String> = ["yaml", "yml", "json"]

    /// The readers of the patterns suites may use.
    public var readers: [any CaseReader]

    public init(readers: [any CaseReader]) {
        self.readers = readers
    }

    /// Loads the suites named by `paths`: suite files, or folders searched recursively.
    ///
    /// Throws `BadInput` listing every problem found (not just the first).
    public func load(paths: [String]) throws -> [Suite] {
        var diagnostics: [Diagnostic] = []
        var files: [URL] = []
        for path in paths {
            do {
                let found = try suiteFiles(at: path)
                // A run configuration (top-level `models:`, no `cases:`) kept among the suites is not a suite.
                files += found.count == 1 && found[0].relativePath == path ? found : found.filter { !Self.isRunConfiguration($0) }
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        var suites: [Suite] = []
        var seenFiles = Set<String>()
        var namesSeen: [String: String] = [:]
        for file in files where seenFiles.insert(file.standardizedFileURL.path).inserted {
            do {
                let suite = try load(file: file)
                if let other = namesSeen[suite.name] {
                    diagnostics.append(.error(
                        "suite name '\(suite.name)' is also used by \(other)",
                        at: SourceLocation(file: file.relativePath),
                        hint: "give each suite a unique `suite:` name"))
                    continue
                }
                namesSeen[suite.name] = file.relativePath
                suites.append(suite)
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        if suites.isEmpty {
            throw BadInput(.error(
                "no suite files (.yaml, .yml, .json) found in \(paths.joined(separator: ", "))",
                hint: "name suite files or folders that contain them"))
        }
        return suites
    }

    /// The suite files a path names: itself, or the suite files below a folder, sorted by path.
    public func suiteFiles(at path: String) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BadInput(.error("no such file or folder: \(path)", at: SourceLocation(file: path)))
        }
        let url = URL(fileURLWithPath: path)
        guard isDirectory.boolValue else { return [url] }
        guard let enumerator = FileManager.default.enumerator(
            at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw BadInput(.error("cannot read folder \(path)", at: SourceLocation(file: path)))
        }
        var found: [URL] = []
        for case let file as URL in enumerator
        where Self.suiteExtensions.contains(file.pathExtension.lowercased()) {
            let relative = String(file.path.dropFirst(url.path.count).drop { $0 == "/" })
            found.append(URL(fileURLWithPath: (path as NSString).appendingPathComponent(relative)))
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Whether `file` is a run configuration (`proctor.yaml`: top-level `models:` and no `cases:`).
    static func isRunConfiguration(_ file: URL) -> Bool {
        guard let root = try? YAMLFile.root(of: file, path: file.relativePath, what: "suite", emptyHint: ""),
            let mapping = root.mapping
        else { return false }
        return mapping["models"] != nil && mapping["cases"] == nil
    }

    /// Loads one suite file (YAML, or JSON, which YAML reads too).
    public func load(file: URL) throws -> Suite {
        let path = file.relativePath
        let root = try YAMLFile.root(of: file, path: path, what: "suite", emptyHint: "a suite needs at least a `cases:` list")
        if Self.isRunConfiguration(file) {
            throw BadInput(.error("this is a run configuration (top-level `models:`), not a suite", at: SourceLocation(file: path),
                                  hint: "pass it with --config \(path)"))
        }
        var reader = SuiteReader(file: file, path: path, readers: readers)
        let suite = reader.suite(from: root)
        if !reader.diagnostics.isEmpty {
            throw BadInput(reader.diagnostics.enumerated().sorted {
                ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset)
            }.map(\.element))
        }
        guard let suite else { throw BadInput(.error("invalid suite", at: SourceLocation(file: path))) }
        return suite
    }
}
