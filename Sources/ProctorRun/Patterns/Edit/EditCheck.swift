import ProctorCore
import ProctorPython
import ProctorSQL

/// How an `edit` or `debug` case is graded: the answer is applied to `code`, and the edited code is graded like the
/// language's other patterns.
struct EditCheck: CaseCheck {
    enum Language: String, Sendable, Hashable, CaseIterable {
        case python, sql
    }

    var language: Language
    /// The code the model is asked to change.
    var code: String
    /// The Python checks of the edited code (tests, stdin, stdout), for Python.
    var python: PythonCheck?
    /// The gold and databases the edited query is compared on, for SQL.
    var sql: SQLCheck?
    /// Top-level functions and classes that must stay as they are, compared by AST.
    var unchanged: [String]
    /// Whether this is a `debug` case: `code` must fail its tests, and the reason says which tests pass now.
    var debug: Bool
}

extension EditCheck {
    var reference: [CaseReference] {
        var parts = [CaseReference("Code to \(debug ? "fix" : "change")", code)]
        if !unchanged.isEmpty { parts.append(CaseReference("Must stay unchanged", unchanged.joined(separator: ", "))) }
        return parts + (python?.reference ?? []) + (sql?.reference ?? [])
    }
}
