import ProctorCore
import ProctorSuites

extension Pattern {
    /// Instructions or structured comments; the response is a whole Python program, run and then tested.
    public static let commentsToCode = Pattern("comments-to-code")
}

/// The `comments-to-code` pattern: the Python keys (``PythonCaseReading``).
struct CommentsToCodePattern: PatternDefinition {
    var pattern: Pattern { .commentsToCode }
    var caseKeys: Set<String> { PythonCaseReading.keys }
    var defaultKeys: Set<String> { PythonCaseReading.defaultKeys }
    var defaultTimeout: Duration { PythonCaseReading.defaultTimeout }

    func check(from fields: inout CaseFields) -> (any CaseCheck)? {
        PythonCaseReading.check(from: &fields, entryPoint: nil)
    }

    func grader(in context: GraderContext) throws -> any Grader { try PythonCaseReading.grader(in: context) }
}
