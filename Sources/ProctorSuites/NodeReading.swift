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

    mutating func string(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error("`\(key)` must be a string", at: node)
            return nil
        }
        return scalar.string
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
        guard let text = string(node, key: key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("`\(key)` must be true or false, not '\(text)'", at: node)
            return nil
        }
    }
}
