import Foundation
import ProctorCore
import ProctorPython
import ProctorSuites

/// The keys both Python patterns read: `tests`, `stdin`, `stdout_contains`, `stdout_matches`, `lint`.
enum PythonCaseReading {
    static let keys: Set<String> = ["tests", "stdin", "stdout_contains", "stdout_matches", "lint"]
    static let defaultKeys: Set<String> = ["lint"]
    static let defaultTimeout: Duration = .seconds(5)

    /// The case's Python check, with `entryPoint` for a completion; nil after recording what is wrong.
    static func check(from fields: inout CaseFields, entryPoint: String?) -> PythonCheck? {
        let tests = fields.string("tests")
        let contains = fields.strings("stdout_contains") ?? []
        let matches = fields.strings("stdout_matches") ?? []
        for expression in matches where (try? NSRegularExpression(pattern: expression, options: [.anchorsMatchLines])) == nil {
            fields.error("invalid regular expression in `stdout_matches`: \(expression)", at: "stdout_matches",
                         hint: "write a regular expression such as '^Hello, \\w+!$'")
        }
        if !fields.has("tests") && !fields.has("stdout_contains") && !fields.has("stdout_matches") {
            fields.error("\(fields.pattern.rawValue) case '\(fields.id)' has nothing to check",
                         hint: "add `tests`, `stdout_contains` or `stdout_matches`")
            return nil
        }
        return PythonCheck(
            tests: tests, stdin: fields.string("stdin") ?? "", stdoutContains: contains, stdoutMatches: matches,
            lint: fields.boolean("lint") ?? false, entryPoint: entryPoint)
    }

    static func grader(in context: GraderContext) throws -> any Grader {
        PythonGrader(sandbox: try context.sandbox())
    }
}
