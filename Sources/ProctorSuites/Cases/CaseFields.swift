import Foundation
import ProctorCore
import Yams

/// The keys of one case as a pattern's reader sees them: each value from the case, else from the suite's
/// `defaults:`, read with a located diagnostic for every problem.
public struct CaseFields: NodeReading {
    public let id: String
    public let pattern: Pattern
    /// The case's prompt, when it has a valid one.
    public let prompt: String?
    let path: String
    let file: URL
    let node: Node
    let mapping: Node.Mapping
    let defaults: Node.Mapping?
    public internal(set) var diagnostics: [Diagnostic] = []
    /// The user message sent to the model, when the pattern builds it from more than `prompt` (e.g. the code
    /// to change); nil sends the prompt.
    public var message: String?

    /// The text of a file named by `key` (relative to the suite file), or nil after recording why not.
    public mutating func fileText(_ key: String) -> String? {
        guard let url = files(key).first else { return nil }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            self.error("cannot read `\(key)`: \(error.localizedDescription)", at: key)
            return nil
        }
    }

    /// Whether the case itself sets `key`.
    public func hasOwn(_ key: String) -> Bool { mapping[key] != nil }

    /// Whether the case, or the suite's defaults, set `key`.
    public func has(_ key: String) -> Bool { value(key) != nil }

    public mutating func string(_ key: String) -> String? {
        value(key).flatMap { string($0, key: key) }
    }

    /// A string or a list of strings; nil when the key is absent.
    public mutating func strings(_ key: String) -> [String]? {
        value(key).map { strings($0, key: key) }
    }

    /// The text of a single value of any type (`off`, `5`, `2.5`), for a reader that parses it itself.
    public mutating func scalar(_ key: String) -> String? {
        value(key).flatMap { scalar($0, key: key) }
    }

    public mutating func boolean(_ key: String) -> Bool? {
        value(key).flatMap { boolean($0, key: key) }
    }

    public mutating func positiveInt(_ key: String) -> Int? {
        guard let node = value(key), let text = scalar(node, key: key) else { return nil }
        guard let number = Int(text), number > 0 else {
            error("`\(key)` must be a positive whole number, not '\(text)'", at: node)
            return nil
        }
        return number
    }

    /// A number in `range`; `hint` says what to write instead of a bad one.
    public mutating func number(_ key: String, in range: Range<Double>, hint: String) -> Double? {
        guard let node = value(key), let text = scalar(node, key: key) else { return nil }
        guard let number = Double(text), range.contains(number) else {
            error("invalid \(key) '\(text)'", at: node, hint: hint)
            return nil
        }
        return number
    }

    /// One of the cases of `T`, by name.
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String) -> T? where T.RawValue == String {
        guard let node = value(key), let text = scalar(node, key: key) else { return nil }
        guard let choice = T(rawValue: text) else {
            error("invalid `\(key)` '\(text)'", at: node, hint: "one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return choice
    }

    /// Files named by `key` (one path, or with `list`, a list of paths), relative to the suite file's folder.
    public mutating func files(_ key: String, list: Bool = false) -> [URL] {
        guard let node = value(key) else { return [] }
        if list {
            guard let items = node.sequence else {
                error("`\(key)` must be a list of paths", at: node)
                return []
            }
            if items.isEmpty { error("`\(key)` is empty", at: node) }
            return items.compactMap { file($0, key: key) }
        }
        return file(node, key: key).map { [$0] } ?? []
    }

    /// Reads the mapping under `key` with `body`, as fields of its own: each of its keys from the case's mapping,
    /// else from the same mapping in the suite's `defaults:`. Nil without either; a value that is not a mapping, or
    /// a key not in `allowed`, is recorded as a problem.
    public mutating func section<T>(_ key: String, keys allowed: Set<String>, _ body: (inout CaseFields) -> T?) -> T? {
        let own = mapping[key]
        let fallback = defaults?[key]
        guard own != nil || fallback != nil else { return nil }
        for node in [own, fallback].compactMap({ $0 }) {
            guard let nested = node.mapping else {
                error("`\(key)` must be a mapping", at: node, hint: "its keys: \(allowed.sorted().joined(separator: ", "))")
                return nil
            }
            for (keyNode, _) in nested {
                guard let name = keyNode.scalar?.string, allowed.contains(name) else {
                    error("unknown key `\(keyNode.scalar?.string ?? "?")` in `\(key)`", at: keyNode,
                          hint: "known keys: \(allowed.sorted().joined(separator: ", "))")
                    continue
                }
            }
        }
        var fields = CaseFields(
            id: id, pattern: pattern, prompt: prompt, path: path, file: file, node: own ?? node,
            mapping: own?.mapping ?? Node.Mapping([]), defaults: fallback?.mapping)
        let value = body(&fields)
        for diagnostic in fields.diagnostics where !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        return value
    }

    /// Records a problem of the case, at `key`'s value when given and present, else at the case.
    public mutating func error(_ message: String, at key: String? = nil, hint: String? = nil) {
        error(message, at: key.flatMap { value($0) } ?? node, hint: hint)
    }

    private mutating func file(_ node: Node, key: String) -> URL? {
        guard let relative = string(node, key: key) else { return nil }
        let base = file.deletingLastPathComponent()
        let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative)
            : URL(fileURLWithPath: relative, relativeTo: base).standardizedFileURL
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) || isDirectory.boolValue {
            let what = key.hasPrefix("database") ? "fixture" : "file"
            error("\(what) not found: \(relative) (looked at \(url.path))", at: node,
                  hint: "paths are relative to the suite file's folder")
            return nil
        }
        return url
    }

    private func value(_ key: String) -> Node? { mapping[key] ?? defaults?[key] }
}
