import ProctorCore
import ProctorSuites

extension Pattern {
    /// Code in the prompt; the response is a prose explanation, checked for what it must and must not say.
    public static let explain = Pattern("explain")
}

/// The `explain` pattern: `mentions`, `forbids`, `refusal`.
struct ExplainPattern: PatternDefinition {
    var pattern: Pattern { .explain }
    var caseKeys: Set<String> { ["mentions", "forbids", "refusal", "judge"] }
    var defaultKeys: Set<String> { ["refusal", "judge"] }
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
        let ownJudge = fields.hasOwn("judge")
        let judge = fields.section("judge", keys: ["criteria", "reference", "min_kappa"]) { judge -> JudgeCriteria? in
            // A case's own `judge:` names its criteria; the suite's `defaults: judge:` may set the other keys, and
            // criteria for the cases without a `judge:` of their own.
            guard ownJudge ? judge.hasOwn("criteria") : judge.has("criteria") else {
                if ownJudge {
                    judge.error("`judge` has no `criteria`",
                                hint: "list what the explanation must say, e.g. criteria: [says the query returns the students of one department]")
                }
                return nil
            }
            let criteria = judge.strings("criteria") ?? []
            if criteria.isEmpty { judge.error("`criteria` is empty", at: "criteria") }
            return JudgeCriteria(
                criteria: criteria, reference: judge.string("reference"),
                minKappa: judge.number("min_kappa", in: 0..<(1.0).nextUp, hint: "a number from 0 to 1, e.g. 0.6"))
        }
        return ExplainCheck(mentions: mentions, forbids: forbids, refusal: fields.choice("refusal") ?? .fail, judge: judge)
    }

    func grader(in context: GraderContext) throws -> any Grader {
        ExplainGrader(judge: context.judge, calibrations: context.calibrations)
    }
}
