import ProctorCore
import ProctorSQL
import Testing

/// Finding the statement in fenced, tagged, untagged and prosy responses.
@Suite struct ExtractionTests {
    let extractor = SQLExtractor()

    static let fenced: [(response: String, sql: String)] = [
        ("```sql\nSELECT name FROM students;\n```", "SELECT name FROM students;"),
        ("```SQL\nSELECT name FROM students\n```", "SELECT name FROM students"),
        ("```sqlite\nSELECT name FROM students\n```", "SELECT name FROM students"),
        ("```\nSELECT name FROM students\n```", "SELECT name FROM students"),
        ("~~~sql\nSELECT 1\n~~~", "SELECT 1"),
        ("Here you go:\n\n```sql\nSELECT name\nFROM students\n```\n\nThis lists every student.", "SELECT name\nFROM students"),
        ("```sql\n-- all students\nSELECT name FROM students /* every one */;\n```", "-- all students\nSELECT name FROM students /* every one */;"),
        ("```sql\nSELECT `name` FROM `students`\n```", "SELECT `name` FROM `students`"),
        ("```python\nprint('hi')\n```\n```\nSELECT 2\n```", "SELECT 2"),
        ("```\nname | grade\n```\n```sql\nSELECT 3\n```", "SELECT 3"),
        ("```sql\nWITH top AS (SELECT 1 AS x) SELECT x FROM top\n```", "WITH top AS (SELECT 1 AS x) SELECT x FROM top"),
        ("```text\nresult: 3 rows\n```\n```sql\nSELECT 4\n```\n```sql\nSELECT 5\n```", "SELECT 4"),
        ("```sql\nCREATE TABLE assumed (x);\n```\n```sql\nSELECT 6\n```", "SELECT 6"),
        ("```sql\nDROP TABLE students;\n```", "DROP TABLE students;"),
        ("```sql\nSELECT name FROM students", "SELECT name FROM students"),
        ("```sql\nSELECT 7;\n\nname\n-----\nAlice\n```", "SELECT 7;"),
        ("```sql\nSELECT 8; DELETE FROM students;\n```", "SELECT 8; DELETE FROM students;"),
        ("Draft:\n```sql\nSELECT 9\n```\nThat misses NULLs. Corrected query:\n```sql\nSELECT 10\n```", "SELECT 10"),
        ("```sql\nSELECT 11\n```\nAlternatively:\n```sql\nSELECT 12\n```", "SELECT 11"),
        ("<think>Maybe ```sql\nSELECT 13\n``` no.</think>\nAnswer:\n```sql\nSELECT 14\n```", "SELECT 14"),
        ("<think>\n```sql\nSELECT 15\n```\n</think>\nI could not decide.", "SELECT 15"),
    ]

    @Test(arguments: fenced)
    func fencedBlocks(_ response: String, _ sql: String) {
        #expect(extractor.extract(from: response) == sql)
    }

    static let prose: [(response: String, sql: String)] = [
        ("SELECT name FROM students", "SELECT name FROM students"),
        ("SELECT name FROM students;", "SELECT name FROM students"),
        ("Here is the query: SELECT name FROM students WHERE grade = 10; It returns four rows.",
         "SELECT name FROM students WHERE grade = 10"),
        ("The query is:\n\nSELECT name\nFROM students\nWHERE grade = 10\n\nThis returns the tenth graders.",
         "SELECT name\nFROM students\nWHERE grade = 10"),
        ("SELECT name\nFROM students\n\nWHERE grade = 10\n\nDone.", "SELECT name\nFROM students\n\nWHERE grade = 10"),
        ("You can use `SELECT name FROM students` for that.\nQuery: `SELECT 1`", "SELECT name FROM students"),
        ("Select the students first.\nselect name from students where grade = 11", "select name from students where grade = 11"),
        ("with the right join you get it:\nWITH t AS (SELECT 1 AS x) SELECT x FROM t;", "WITH t AS (SELECT 1 AS x) SELECT x FROM t"),
        ("SELECT name FROM students\nThis query lists every student name.", "SELECT name FROM students"),
        ("SELECT 'a;b' AS s; trailing words", "SELECT 'a;b' AS s"),
        ("DELETE FROM students;", "DELETE FROM students"),
        ("Use `SELECT COUNT(*) FROM students;` for that.", "SELECT COUNT(*) FROM students"),
        ("Run `ls` first, then `SELECT name FROM students` in the shell.", "SELECT name FROM students"),
    ]

    @Test(arguments: prose)
    func statementsInProse(_ response: String, _ sql: String) {
        #expect(extractor.extract(from: response) == sql)
    }

    @Test(arguments: [
        "", "I cannot answer that.", "Select the students who are in grade ten.", "```\nname | grade\n```",
        "With pleasure, here is how to think about it.",
    ])
    func noSQL(_ response: String) {
        #expect(extractor.extract(from: response) == nil)
    }

    @Test func noSQLIsAnError() async throws {
        let verdict = try await Fixtures.grade("I am not sure which table to use.", gold: "SELECT 1")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "no SQL query in the response")
        #expect(verdict.extracted == nil)
    }

    @Test func onlyCommentsIsNoQuery() async throws {
        let verdict = try await Fixtures.grade("```sql\n-- TODO\n```", gold: "SELECT 1")
        #expect(verdict.outcome == .error)
        #expect(verdict.reason == "no SQL query in the response")
    }

    @Test func proseResponseIsGradedOnItsStatement() async throws {
        let response = """
            To count the students per grade, group by grade:

            ```SQL
            SELECT `grade`, COUNT(*) AS "count" -- one row per grade
            FROM [students]
            GROUP BY grade;
            ```

            Each row holds a grade and how many students are in it.
            """
        let verdict = try await Fixtures.grade(response, gold: "SELECT grade, COUNT(*) FROM students GROUP BY grade")
        #expect(verdict.outcome == .pass, "\(verdict.reason)")
        #expect(verdict.extracted?.hasPrefix("SELECT `grade`") == true)
    }
}
