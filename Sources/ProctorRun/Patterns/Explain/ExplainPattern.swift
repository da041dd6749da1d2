import ProctorCore
import ProctorSuites

extension Pattern {
    /// Code in the prompt; the response is a prose explanation, checked for what it must and must not say.
    public static let explain = Pattern("explain")
}

/// The `explain` pattern: `mentions`, `forbids`, `refusal`.
struct ExplainPattern: PatternDefinition {
    var pattern: Pattern { .explain }
    var caseKeys: Set<String> { ["mentions", "forbids", "refusal"] }
    var defaultKeys: Set<String> { ["refusal"] }
    var defaultTimeout: Duration { .seconds(2) }
    var runsCode: Bool { false }

    func check(from fields: inout CaseFields) -> (any CaseCheck)? {
        let mentions = fields.strings("mentions") ?? []
        let forbids = fields.strings("forbids") ?? []
        for (key, terms) in [("mentions", mentions), ("forbids", forbids)] {
            for term in terms {
                do throws(TermError) {
                    _ = try TermMatcher(term)
                } catch {
                    fields.error(error.message, at: key, hint: "write a regular expression after `re:`, e.g. 're:\\bjoins?\\b'")
                }
            }
        }
        return ExplainCheck(mentions: mentions, forbids: forbids, refusal: fields.choice("refusal") ?? .fail)
    }

    func grader(in context: GraderContext) throws -> any Grader { ExplainGrader() }
}
