import Foundation
import ProctorRun
import ProctorCore
import Testing

@Suite struct ExplainGraderTests {
    func grade(_ response: String, _ check: ExplainCheck, prompt: String = "Explain.") async throws -> Verdict {
        let testCase = Case(id: "e", pattern: .explain, prompt: prompt, check: check,
                            location: SourceLocation(file: "t.yaml", line: 1))
        let suite = Suite(name: "s", file: URL(fileURLWithPath: "t.yaml"), cases: [testCase])
        return try await ExplainGrader().prepare(testCase, of: suite).grade(response)
    }

    @Test func passesWhenEveryMentionAppearsCaseInsensitively() async throws {
        let verdict = try await grade(
            "It joins STUDENTS with departments and keeps the computer science rows only.",
            ExplainCheck(mentions: ["students", "Computer Science"]))
        #expect(verdict.outcome == .pass)
    }

    @Test func failsNamingTheMissingMentions() async throws {
        let verdict = try await grade("It joins two tables and keeps some of the rows.",
                                      ExplainCheck(mentions: ["students", "join*"]))
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "does not mention \"students\"")
    }

    @Test func unicodeAwareMatching() async throws {
        let decomposed = "Die Abfrage liefert alle Studenten aus ZU\u{0308}RICH und ihre Noten zurück."
        let verdict = try await grade(decomposed, ExplainCheck(mentions: ["Zürich", "noten"]))
        #expect(verdict.outcome == .pass)
        let cyrillic = try await grade("Запрос возвращает ИМЕНА всех студентов кафедры.",
                                       ExplainCheck(mentions: ["имена"]))
        #expect(cyrillic.outcome == .pass)
    }

    @Test func refusalFailsEvenWhenAnExplanationFollows() async throws {
        let verdict = try await grade(
            "Sorry, as a code assistant in Python, I cannot explain SQL. But it joins students and departments.",
            ExplainCheck(mentions: ["students"]))
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason.hasPrefix("refusal: \"Sorry, as a code assistant in Python, I cannot explain SQL."))
    }

    @Test func refusalAllowedWhenTheCaseSaysSo() async throws {
        let verdict = try await grade(
            "As an AI language model I will try: it joins students and departments by id.",
            ExplainCheck(mentions: ["students"], refusal: .allow))
        #expect(verdict.outcome == .pass)
    }

    @Test func codeOnlyIsNotAnExplanation() async throws {
        let fenced = try await grade("```sql\nSELECT name FROM students;\n```", ExplainCheck(mentions: ["students"]))
        #expect(fenced.outcome == .fail)
        #expect(fenced.reason == "the response is only code, not an explanation")
        let bare = try await grade("SELECT s.name\nFROM students s\nWHERE s.gpa > 3;", ExplainCheck())
        #expect(bare.reason == "the response is only code, not an explanation")
        let empty = try await grade("  \n", ExplainCheck())
        #expect(empty.reason == "empty response")
    }

    @Test func mentionsInsideCodeBlocksDoNotCount() async throws {
        let verdict = try await grade(
            "This query returns every row of a table, filtered by a condition.\n```sql\nSELECT * FROM students\n```",
            ExplainCheck(mentions: ["students"]))
        #expect(verdict.outcome == .fail)
    }

    @Test func forbiddenPhraseFails() async throws {
        let verdict = try await grade("The function sorts the list and removes duplicates from it.",
                                      ExplainCheck(mentions: ["duplicates"], forbids: ["sorts the list"]))
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "mentions forbidden \"sorts the list\"")
    }

    @Test func termsMatchWholeWordsAndPhrasesNotPartsOfWords() async throws {
        let text = "The query counts 10 rows per department, joined on the key; countless tuples are an inner joint."
        let cases: [(String, Bool)] = [
            ("0", false), ("10", true), ("count", false), ("counts", true), ("count*", true), ("join*", true),
            ("inner join", false), ("inner   joint", true), ("per department", true), ("re:\\bjoin(ed|s)?\\b", true),
            ("re:^the query", true), ("key;", true), ("Department", true),
        ]
        for (term, expected) in cases {
            let mentions = try await grade(text, ExplainCheck(mentions: [term]))
            #expect((mentions.outcome == .pass) == expected, "mentions \(term)")
            let forbids = try await grade(text, ExplainCheck(forbids: [term]))
            #expect((forbids.outcome == .fail) == expected, "forbids \(term)")
        }
    }

    @Test func anInvalidRegularExpressionIsASuiteProblem() async throws {
        let error = await #expect(throws: BadInput.self) { try await grade("Some explanation of it.", ExplainCheck(mentions: ["re:(unclosed"])) }
        #expect(error?.diagnostics.first?.message == "case 'e': invalid regular expression in 're:(unclosed'")
    }

    @Test func aResponseThatRepeatsThePromptIsNotAnExplanation() async throws {
        let prompt = "SELECT s.name FROM students s JOIN departments d ON d.id = s.department_id; Explain the above SQL statement."
        let echo = String(repeating: "SELECT s.name FROM students s JOIN departments d ON d.id = s.department_id. Explain the above SQL statement. ", count: 6)
        let verdict = try await grade(echo, ExplainCheck(mentions: ["students"]), prompt: prompt)
        #expect(verdict.outcome == .fail)
        #expect(verdict.reason == "the response repeats the prompt")
        #expect(verdict.details.kind == "repeats-prompt")
        let answer = try await grade(
            "It lists the name of every student together with the department they belong to, by joining the students "
                + "table to departments on the department id.",
            ExplainCheck(mentions: ["students"]), prompt: prompt)
        #expect(answer.outcome == .pass)
    }

    @Test func emphasisFormatCharactersAndLiteralStarsAreReadAsAReviewerWould() async throws {
        let text = "It joins the _students_ table with **Computer** Science rows and sor\u{00AD}ts the li\u{200B}st; it selects every column."
        #expect(try await grade(text, ExplainCheck(mentions: ["students", "computer science", "sorts the list"])).outcome == .pass)
        #expect(try await grade(text, ExplainCheck(forbids: ["sorts the list"])).outcome == .fail)
        #expect(try await grade(text, ExplainCheck(forbids: ["SELECT *"])).outcome == .pass)
    }

    @Test func aQuotedQueryIsNotWhereRequiredTermsCount() async throws {
        let quoted = "The query `SELECT s.name FROM students s JOIN departments d` works as follows, as queries do in general."
        let verdict = try await grade(quoted, ExplainCheck(mentions: ["students", "departments"]))
        #expect(verdict.outcome == .fail)
        let named = "It lists every name from `students` together with its row in `departments`, matched on the id."
        #expect(try await grade(named, ExplainCheck(mentions: ["students", "departments"])).outcome == .pass)
    }
}
