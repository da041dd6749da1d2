/// The user turn that tells a model why its answer failed: a template over a closed list of fields, filled from the
/// verdict's details.
///
/// A line whose every field is empty is left out, so `Expected: {expected}` disappears when nothing was expected.
public struct FeedbackTemplate: Sendable, Hashable {
    public var text: String

    /// Every field a template may use.
    public static let fields: [String] = [
        "verdict", "reason", "statement", "exception", "traceback", "expected", "got", "details", "round",
    ]

    /// The template used when a suite sets no `feedback:`.
    public static let standard = FeedbackTemplate(
        "Your answer did not pass: {reason}\n\n{details}\n\nFix it and reply with your complete corrected answer to the "
            + "original request, in the same form.\n")

    /// Verdict kinds that get no feedback: the answer attacked the grader, and telling it how is no repair.
    public static let withheldKinds: Set<String> = ["tampered", "unexpected-report"]

    public init(_ text: String) {
        self.text = text
    }

    /// The `{field}` names the template uses that are not in ``fields``, in order of appearance.
    public var unknownFields: [String] {
        var unknown: [String] = []
        for name in Self.names(in: text) where !Self.fields.contains(name) && !unknown.contains(name) {
            unknown.append(name)
        }
        return unknown
    }

    /// The feedback on `verdict`, the answer of round `round`.
    ///
    /// Each field is cut to ``fieldLimit`` characters: what a program printed or raised is the model's to choose,
    /// and must not make the next request as large as it likes.
    public func render(_ verdict: Verdict, round: Int) -> String {
        let details = verdict.details.shortened(to: Self.fieldLimit)
        let values: [String: String] = [
            "verdict": verdict.outcome.rawValue,
            "reason": Self.shortened(verdict.reason, to: Self.fieldLimit),
            "statement": details.statement ?? "",
            "exception": details.exception ?? "",
            "traceback": details.tracebackTail ?? "",
            "expected": details.expected ?? "",
            "got": details.got ?? "",
            "details": Self.details(of: details),
            "round": String(round),
        ]
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let names = Self.names(in: String(line))
            if !names.isEmpty, names.allSatisfy({ (values[$0] ?? "").isEmpty }) { continue }
            lines.append(line)
        }
        // One pass over the template: a value that holds `{reason}` is text, not a field.
        var message = lines.joined(separator: "\n").replacing(/\{([A-Za-z_]+)\}/) { match in
            values[String(match.output.1)] ?? String(match.output.0)
        }
        while message.contains("\n\n\n") { message = message.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
        // A template whose fields were all empty this time would send an empty turn: the standard one says why.
        if message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, self != Self.standard {
            return Self.standard.render(verdict, round: round)
        }
        return message
    }

    /// The most characters of one field in a feedback turn.
    public static let fieldLimit = 2000

    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "\n… (\(text.count - limit) more characters)"
    }

    /// The details that are known, each under its own heading, code in fences.
    static func details(of details: VerdictDetails) -> String {
        var blocks: [String] = []
        if let statement = details.statement, !statement.isEmpty { blocks.append("Failing statement:\n" + fenced(statement)) }
        if let exception = details.exception, !exception.isEmpty { blocks.append("Exception: " + exception) }
        if let traceback = details.tracebackTail, !traceback.isEmpty { blocks.append("Traceback (last lines):\n" + fenced(traceback)) }
        if let expected = details.expected, !expected.isEmpty { blocks.append("Expected:\n" + fenced(expected)) }
        if let got = details.got, !got.isEmpty { blocks.append("Got:\n" + fenced(got)) }
        return blocks.joined(separator: "\n\n")
    }

    private static func fenced(_ text: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let fence = body.contains("```") ? "~~~~" : "```"
        return "\(fence)\n\(body)\n\(fence)"
    }

    private static func names(in text: String) -> [String] {
        text.matches(of: /\{([A-Za-z_]+)\}/).map { String($0.output.1) }
    }
}

extension VerdictDetails {
    /// These details with every text field cut to `limit` characters.
    func shortened(to limit: Int) -> VerdictDetails {
        func cut(_ text: String?) -> String? { text.map { FeedbackTemplate.shortened($0, to: limit) } }
        var details = self
        details.statement = cut(statement)
        details.exception = cut(exception)
        details.tracebackTail = cut(tracebackTail)
        details.expected = cut(expected)
        details.got = cut(got)
        return details
    }
}
