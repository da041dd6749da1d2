import ProctorCore
import Testing

@Suite struct FeedbackTemplateTests {
    let failed = Verdict.fail(
        "`assert add(1, 2) == 3` failed: AssertionError",
        details: VerdictDetails(kind: "tests-failed", statement: "assert add(1, 2) == 3", exception: "AssertionError"))

    @Test func theStandardTemplateGivesTheReasonAndEveryKnownDetailFenced() {
        let text = FeedbackTemplate.standard.render(failed, round: 1)
        #expect(text.hasPrefix("Your answer did not pass: `assert add(1, 2) == 3` failed: AssertionError\n\n"))
        #expect(text.contains("Failing statement:\n```\nassert add(1, 2) == 3\n```\n\nException: AssertionError\n\n"))
        #expect(!text.contains("Expected") && !text.contains("Got") && !text.contains("Traceback"))
        #expect(!text.contains("\n\n\n"))
    }

    @Test func aLineWhoseFieldsAreAllEmptyIsLeftOutAndOthersKeepTheirText() {
        let template = FeedbackTemplate("Round {round}: {verdict}\nExpected: {expected}\nGot: {got}\nStatement: {statement}")
        #expect(template.render(failed, round: 2) == "Round 2: fail\nStatement: assert add(1, 2) == 3")
        let rows = Verdict.fail("wrong rows", details: VerdictDetails(expected: "a|1", got: "a|2"))
        #expect(template.render(rows, round: 1) == "Round 1: fail\nExpected: a|1\nGot: a|2")
    }

    @Test func aValueHoldingAFieldNameIsText() {
        let verdict = Verdict.fail("{got}", details: VerdictDetails(got: "secret"))
        #expect(FeedbackTemplate("{reason} / {got}").render(verdict, round: 1) == "{got} / secret")
    }

    @Test func unknownFieldsAreNamedInOrderOnce() {
        #expect(FeedbackTemplate("{reason} {score} {hint} {score}").unknownFields == ["score", "hint"])
        #expect(FeedbackTemplate.standard.unknownFields.isEmpty)
        #expect(FeedbackTemplate("{" + FeedbackTemplate.fields.joined(separator: "}{") + "}").unknownFields.isEmpty)
    }

    @Test func aDetailHoldingAFenceGetsALongerOne() {
        let verdict = Verdict.error("no code", details: VerdictDetails(got: "```python\nx\n```"))
        #expect(FeedbackTemplate("{details}").render(verdict, round: 1) == "Got:\n~~~~\n```python\nx\n```\n~~~~")
    }

    @Test func everyFieldIsCutSoAnAnswerCannotBloatTheNextRequest() {
        let huge = String(repeating: "x", count: 100_000)
        let verdict = Verdict.error(huge, details: VerdictDetails(exception: huge, tracebackTail: huge, got: huge))
        let text = FeedbackTemplate.standard.render(verdict, round: 1)
        #expect(text.count < 5 * FeedbackTemplate.fieldLimit)
        #expect(text.contains("… (98000 more characters)"))
    }

    @Test func aTemplateWhoseFieldsAreAllEmptyFallsBackToTheStandardOne() {
        let crash = Verdict.error("the program raised ImportError", details: VerdictDetails(kind: "crashed"))
        let text = FeedbackTemplate("T={traceback}|G={got}").render(crash, round: 1)
        #expect(text == FeedbackTemplate.standard.render(crash, round: 1))
        #expect(text.hasPrefix("Your answer did not pass: the program raised ImportError"))
    }
}
