import ProctorSuites

/// The user message of an `edit` or `debug` case: a template over `prompt`, `code` (fenced in its language),
/// `failure` and `language`; a suite's `template:` replaces the default.
enum EditMessage {
    static let fields: Set<String> = ["prompt", "code", "failure", "language"]

    static let editTemplate = "{prompt}\n\n```{language}\n{code}\n```\n"
    static let debugTemplate = "{prompt}\n\n```{language}\n{code}\n```\n\nIt fails with:\n\n```\n{failure}\n```\n"

    /// The message, or nil after recording an unknown `{field}` in the template.
    static func render(_ template: String, values: [String: String], fields: inout CaseFields) -> String? {
        let used = template.matches(of: /\{([A-Za-z_]+)\}/).map { String($0.output.1) }
        let unknown = used.filter { !Self.fields.contains($0) }
        guard unknown.isEmpty else {
            fields.error("unknown field {\(unknown[0])} in `template`", at: "template",
                         hint: "the fields are {prompt}, {code}, {failure} and {language}")
            return nil
        }
        var message = template
        for (name, value) in values {
            message = message.replacingOccurrences(of: "{\(name)}", with: value.hasSuffix("\n") ? String(value.dropLast()) : value)
        }
        return message
    }
}
