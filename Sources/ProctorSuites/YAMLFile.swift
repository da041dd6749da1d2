import Foundation
import ProctorCore
import Yams

/// Reads a YAML (or JSON) file into a node tree whose marks give lines for diagnostics.
enum YAMLFile {
    /// The document's root; throws `BadInput` naming the file (and line) when it cannot be read or parsed.
    static func root(of file: URL, path: String, what: String, emptyHint: String) throws -> Node {
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
            throw BadInput(.error("cannot read \(what) file: \(error.localizedDescription)", at: SourceLocation(file: path)))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw BadInput(.error("the \(what) file is empty", at: SourceLocation(file: path), hint: emptyHint))
            }
            return node
        } catch let error as BadInput {
            throw error
        } catch let error as YamlError {
            throw BadInput(diagnostic(for: error, file: path))
        }
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
