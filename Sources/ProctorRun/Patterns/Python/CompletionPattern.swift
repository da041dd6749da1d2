import ProctorCore
import ProctorSuites

extension Pattern {
    /// A partly written function; the response completes it, and the case's tests call it.
    public static let completion = Pattern("completion")
}

/// The `completion` pattern: the Python keys (``PythonCaseReading``) and `entry_point`, by default the last
/// function the prompt defines.
struct CompletionPattern: PatternDefinition {
    var pattern: Pattern { .completion }
    var caseKeys: Set<String> { PythonCaseReading.keys.union(["entry_point"]) }
    var defaultKeys: Set<String> { PythonCaseReading.defaultKeys }
    var defaultTimeout: Duration { PythonCaseReading.defaultTimeout }

    func check(from fields: inout CaseFields) -> (any CaseCheck)? {
        guard var check = PythonCaseReading.check(from: &fields, entryPoint: nil) else { return nil }
        let entryPoint: String
        if fields.has("entry_point") {
            guard let name = fields.string("entry_point") else { return nil }
            guard name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil else {
                fields.error("`entry_point` must be a Python function name, not '\(name)'", at: "entry_point")
                return nil
            }
            entryPoint = name
        } else if let prompt = fields.prompt {
            guard let name = prompt.matches(of: /(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(/)
                .last.map({ String($0.output.1) })
            else {
                fields.error("completion case '\(fields.id)' has no `entry_point` and its prompt defines no function",
                             hint: "name the function the tests call with `entry_point:`")
                return nil
            }
            entryPoint = name
        } else {
            return nil
        }
        check.entryPoint = entryPoint
        return check
    }

    func grader(in context: GraderContext) throws -> any Grader { try PythonCaseReading.grader(in: context) }
}
