import Foundation
import ProctorCore
import Yams

/// Finds and loads suite files, collecting every problem with its file and line.
public struct SuiteLoader: Sendable {
    /// File extensions treated as suites when searching folders.
    public static let suiteExtensions: Set<String> = ["yaml", "yml", "json"]

    public init() {}

    /// Loads the suites named by `paths`: suite files, or folders searched recursively.
    ///
    /// Throws `BadInput` listing every problem found (not just the first).
    public func load(paths: [String]) throws -> [Suite] {
        var diagnostics: [Diagnostic] = []
        var files: [URL] = []
        for path in paths {
            do {
                files += try suiteFiles(at: path)
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

    /// Loads one suite file (YAML, or JSON, which YAML reads too).
    public func load(file: URL) throws -> Suite {
        let path = file.relativePath
        let text: String
        do {
            let data = try Data(contentsOf: file)
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw BadInput(.error("not valid UTF-8 text", at: SourceLocation(file: path)))
            }
            text = decoded
        } catch let error as BadInput {
            throw error
        } catch {
            throw BadInput(.error("cannot read suite file: \(error.localizedDescription)", at: SourceLocation(file: path)))
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw BadInput(.error("the suite file is empty", at: SourceLocation(file: path),
                                      hint: "a suite needs at least a `cases:` list"))
            }
            root = node
        } catch let error as BadInput {
            throw error
        } catch let error as YamlError {
            throw BadInput(Self.diagnostic(for: error, file: path))
        }
        var reader = SuiteReader(file: file, path: path)
        let suite = reader.suite(from: root)
        if !reader.diagnostics.isEmpty {
            throw BadInput(reader.diagnostics.enumerated().sorted {
                ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset)
            }.map(\.element))
        }
        guard let suite else { throw BadInput(.error("invalid suite", at: SourceLocation(file: path))) }
        return suite
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let where_ = context.map { " \($0.text)" } ?? ""
            return .error("invalid YAML: \(problem)\(where_)",
                          at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error("duplicate key \(duplicates.joined(separator: ", "))",
                          at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(file: file))
        }
    }
}
