import ProctorCore
import ProctorPython
import ProctorSQL
import ProctorSuites

extension Pattern {
    /// Given code and an instruction; the answer changes the code (whole file, changed definitions, a diff, or
    /// search/replace blocks) and the edited code is graded like its language's other patterns.
    public static let edit = Pattern("edit")
    /// Given code, and the failure it shows; the answer fixes it, graded by the case's tests.
    public static let debug = Pattern("debug")
}

/// The `edit` pattern: `language`, `code`/`code_file`, `template`, `unchanged`, and the checks of its language
/// (Python's `tests`, `stdin`, `stdout_contains`, `stdout_matches`, `lint`; SQL's `database`, `gold`, ...).
struct EditPattern: PatternDefinition {
    var pattern: Pattern { .edit }
    var caseKeys: Set<String> {
        EditReading.keys.union(PythonCaseReading.keys).union(["unchanged"]).union(SQLPattern().caseKeys)
    }
    var defaultKeys: Set<String> { PythonCaseReading.defaultKeys.union(SQLPattern().defaultKeys) }
    var defaultTimeout: Duration { PythonCaseReading.defaultTimeout }

    func check(from fields: inout CaseFields) -> (any CaseCheck)? {
        EditReading.check(from: &fields, debug: false)
    }

    func grader(in context: GraderContext) throws -> any Grader { EditGrader(sandbox: try? context.sandbox()) }

    func references(of testCase: Case) -> [String] {
        (testCase.check as? EditCheck)?.sql.map { [$0.gold] } ?? []
    }
}

/// The `debug` pattern (Python): `code`/`code_file`, `failure`, `tests`, `template`.
struct DebugPattern: PatternDefinition {
    var pattern: Pattern { .debug }
    var caseKeys: Set<String> { EditReading.keys.union(PythonCaseReading.keys).union(["failure", "unchanged"]) }
    var defaultKeys: Set<String> { PythonCaseReading.defaultKeys }
    var defaultTimeout: Duration { PythonCaseReading.defaultTimeout }

    func check(from fields: inout CaseFields) -> (any CaseCheck)? {
        EditReading.check(from: &fields, debug: true)
    }

    func grader(in context: GraderContext) throws -> any Grader { EditGrader(sandbox: try? context.sandbox()) }
}

/// What `edit` and `debug` read alike.
enum EditReading {
    static let keys: Set<String> = ["language", "code", "code_file", "template"]

    static func check(from fields: inout CaseFields, debug: Bool) -> EditCheck? {
        let language: EditCheck.Language = fields.choice("language") ?? .python
        if debug && language != .python {
            fields.error("debug cases are Python, not \(language.rawValue)", at: "language")
            return nil
        }
        let code: String?
        switch (fields.has("code"), fields.has("code_file")) {
        case (true, false): code = fields.string("code")
        case (false, true): code = fields.fileText("code_file")
        case (true, true):
            fields.error("\(fields.pattern) case '\(fields.id)' has both `code` and `code_file`", hint: "keep one")
            return nil
        case (false, false):
            fields.error("\(fields.pattern) case '\(fields.id)' has no `code`",
                         hint: "give the code to change with `code:` or `code_file:` (relative to the suite file)")
            return nil
        }
        guard let code else { return nil }
        var check = EditCheck(
            language: language, code: code, python: nil, sql: nil, unchanged: fields.strings("unchanged") ?? [], debug: debug)
        switch language {
        case .python:
            if debug && !fields.has("tests") {
                fields.error("debug case '\(fields.id)' has no `tests`", hint: "the tests that the code fails and a fix must pass")
                return nil
            }
            guard let python = PythonCaseReading.check(from: &fields, entryPoint: nil) else { return nil }
            check.python = python
        case .sql:
            guard let sql = SQLPattern().check(from: &fields) as? SQLCheck else { return nil }
            if !check.unchanged.isEmpty { fields.error("`unchanged` applies to Python code", at: "unchanged") }
            check.sql = sql
        }
        var failure: String?
        if debug {
            failure = fields.string("failure")
            if failure == nil {
                fields.error("debug case '\(fields.id)' has no `failure`",
                             hint: "what the user saw: the traceback, the failing test's output, a log excerpt")
                return nil
            }
        }
        let template = fields.string("template") ?? (debug ? EditMessage.debugTemplate : EditMessage.editTemplate)
        guard let message = EditMessage.render(
            template,
            values: ["prompt": fields.prompt ?? "", "code": code, "failure": failure ?? "", "language": language.rawValue],
            fields: &fields)
        else { return nil }
        fields.message = message
        return check
    }
}
