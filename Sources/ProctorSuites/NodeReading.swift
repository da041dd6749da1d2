import ProctorCore
import Yams

/// Reading values out of a YAML node tree, recording a located diagnostic for every problem.
protocol NodeReading {
    /// The file path as the user named it.
    var path: String { get }
    var diagnostics: [Diagnostic] { get set }
}

extension NodeReading {
    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: path, line: node.mark?.line, column: node.mark?.column)
    }

    mutating func error(_ message: String, at node: Node, hint: String? = nil) {
        diagnostics.append(.error(message, at: location(of: node), hint: hint))
    }

    /// A string value. A plain (unquoted) `yes`, `off`, `0`, `1.5` or `~` is a boolean, a number or null to YAML
    /// (and to JSON, unquoted): where a string is expected it is flagged with a hint to quote it — its text is
    /// still returned, so one slip is one diagnostic.
    mutating func string(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error("`\(key)` must be a string", at: node)
            return nil
        }
        if let kind = Self.nonString(node) {
            error("`\(key)` must be a string, but \(scalar.string) is \(kind) in YAML", at: node,
                  hint: "quote it: \"\(scalar.string)\"" + (kind == "null" ? ", or leave the key out" : ""))
        }
        return scalar.string
    }

    /// The text of a single value of any type (a number, a boolean, a word), for readers that parse it.
    mutating func scalar(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error("`\(key)` must be a single value, not a list or mapping", at: node)
            return nil
        }
        return scalar.string
    }

    /// "a boolean", "a number" or "null" for a scalar YAML resolves to one of those; nil for a string.
    static func nonString(_ node: Node) -> String? {
        switch Resolver.default.resolveTag(of: node) {
        case .bool: "a boolean"
        case .int, .float: "a number"
        case .null: "null"
        default: nil
        }
    }

    mutating func strings(_ node: Node, key: String) -> [String] {
        if node.scalar != nil { return string(node, key: key).map { [$0] } ?? [] }
        guard let list = node.sequence else {
            error("`\(key)` must be a list of strings", at: node)
            return []
        }
        return list.compactMap { item in
            guard let text = string(item, key: key) else { return nil }
            if text.isEmpty { error("empty entry in `\(key)`", at: item) }
            return text
        }
    }

    mutating func boolean(_ node: Node, key: String) -> Bool? {
        guard let text = scalar(node, key: key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("`\(key)` must be true or false, not '\(text)'", at: node)
            return nil
        }
    }
}
