import Foundation
import ProctorRun
import ProctorCore
import Testing

@testable import ProctorReports

@Suite struct JUnitRendererTests {
    let xml: Data
    let tree: XMLTree

    init() throws {
        xml = try JUnitRenderer(hostname: "ci-runner-1").render(Fixture.report)
        tree = try XMLTree(xml)
    }

    @Test(.enabled(if: Fixture.hasSchema, Fixture.noSchema))
    func validatesAgainstTheJUnitSchema() throws {
        let schema = try #require(Fixture.schemaURL)
        #expect(try JUnitSchemaValidator(schema: schema).validate(xml) == [])
    }

    @Test func rootCountsTheWholeRun() {
        #expect(tree.root.name == "testsuites")
        #expect(tree.root[attribute: "name"] == "proctor")
        #expect(tree.root[attribute: "tests"] == "8")
        #expect(tree.root[attribute: "failures"] == "3")
        #expect(tree.root[attribute: "errors"] == "2")
        #expect(tree.root[attribute: "time"] == "12.346")
    }

    @Test func oneTestsuitePerSuiteAndPerModelWhenASuiteHasSeveral() throws {
        let suites = try tree.elements("testsuite")
        #expect(suites.map { $0[attribute: "name"] } == [
            "sql-basics", "explain-plans [model-a]", "explain-plans [model-b]", "empty-suite",
        ])
        #expect(suites.map { $0[attribute: "tests"] } == ["5", "2", "1", "0"])
        #expect(suites.map { $0[attribute: "failures"] } == ["2", "0", "1", "0"])
        #expect(suites.map { $0[attribute: "errors"] } == ["1", "1", "0", "0"])
        #expect(suites.map { $0[attribute: "skipped"] } == ["0", "0", "0", "0"])
        #expect(suites.map { $0[attribute: "time"] } == ["2.263", "2.002", "0.003", "0.000"])
        #expect(suites.map { $0[attribute: "id"] } == ["0", "1", "2", "3"])
        #expect(suites.allSatisfy { $0[attribute: "timestamp"] == "2024-03-01T09:30:00Z" })
        #expect(suites.allSatisfy { $0[attribute: "hostname"] == "ci-runner-1" })
    }

    @Test func suitePropertiesDescribeModelPromptAndScore() throws {
        let suites = try tree.elements("testsuite")
        #expect(suites.count == 4)
        #expect(suites.first?.properties == [
            "model": "m1", "system_prompt_sha256": Fixture.sqlSystemPromptSHA256, "pass_rate": "0.400",
            "run_id": "run-42", "passed": "2", "failed": "2", "errors": "1", "pass@1": "0.333", "pass@3": "1.000", "pass^3": "0.000",
        ])
        #expect(suites.map { $0.properties["model"] } == ["m1", "model-a", "model-b", "unspecified"])
        #expect(suites.map { $0.properties["system_prompt_sha256"] } == [
            Fixture.sqlSystemPromptSHA256, "none", "none", "none",
        ])
        #expect(suites.map { $0.properties["pass_rate"] } == ["0.400", "0.500", "0.000", "0.000"])
    }

    @Test func testcasesAreNamedByCaseWithSampleOnlyWhenACaseHasSeveralInItsTestsuite() throws {
        let suites = try tree.elements("testsuite")
        let names = suites.map { $0.elements(forName: "testcase").map { $0[attribute: "name"] ?? "?" } }
        #expect(names == [
            ["count-users #1", "count-users #2", "count-users #3", "top-orders", "join"],
            ["why-index", "what-join"],
            ["why-index"],
            [],
        ])
        let classnames = try tree.elements("testsuite/testcase").map { $0[attribute: "classname"] ?? "?" }
        // Several (model, variant) groups: each classname names its group, so no two testcases collide.
        #expect(classnames == Array(repeating: "sql-basics [m1]", count: 5) + Array(repeating: "explain-plans [model-a]", count: 2)
            + ["explain-plans [model-b]"])
    }

    @Test func testcasesCarryOnlyTheAttributesTheSchemaAllows() throws {
        let testcases = try tree.elements("testsuite/testcase")
        #expect(testcases.count == 8)
        for testcase in testcases {
            #expect(Set((testcase.attributes ?? []).compactMap(\.name)) == ["name", "classname", "time"])
        }
        #expect(testcases.map { $0[attribute: "time"] } == [
            "0.250", "0.500", "0.000", "1.500", "0.013", "0.002", "2.000", "0.003",
        ])
    }

    @Test func outcomesBecomeFailureAndErrorElements() throws {
        let testcases = try tree.elements("testsuite/testcase")
        // The first case's three samples disagree: its passing sample lists the other two as flaky.
        #expect(testcases.map(\.childNames) == [
            ["flakyFailure", "flakyError", "system-out"], ["failure", "system-out"], ["error", "system-out"], ["system-out"],
            ["failure", "system-out"], ["system-out"], ["error", "system-out"], ["failure", "system-out"],
        ])
        let failure = try #require(testcases[1].child("failure"))
        #expect(failure[attribute: "type"] == "fail")
        #expect(failure[attribute: "message"] == "expected 3 rows, got 2")
        #expect(failure.stringValue == "expected 3 rows, got 2\n\n--- extracted code ---\nSELECT * FROM users LIMIT 2;\n")
        let error = try #require(testcases[2].child("error"))
        #expect(error[attribute: "type"] == "error")
        #expect(error[attribute: "message"] == "no SQL code block found")
        #expect(error.stringValue == "no SQL code block found\n\n--- extracted code ---\n(no code extracted)\n")
        #expect(testcases[4].child("failure")?[attribute: "message"] == "wrong rows & \"quotes\" <b>[0m")
    }

    @Test func systemOutLabelsPatternResponseCodeAndLog() throws {
        let testcases = try tree.elements("testsuite/testcase")
        let output = try #require(testcases[1].child("system-out")?.stringValue)
        #expect(output == """
            pattern: sql
            --- response ---
            ```sql
            SELECT 1;
            ```
            --- extracted code ---
            SELECT * FROM users LIMIT 2;
            --- log ---
            gold: 3 rows

            """)
        #expect(testcases[5].child("system-out")?.stringValue?.hasPrefix("pattern: explain\n") == true)
        #expect(testcases[5].child("system-out")?.stringValue?.hasSuffix("--- log ---\n(empty log)\n") == true)
    }

    @Test func forbiddenCharactersAreDroppedAndTheRestSurvives() throws {
        for byte: UInt8 in [0x00, 0x07, 0x1B] {
            #expect(!xml.contains(byte), "byte \(byte) left in the scorecard")
        }
        #expect(xml.range(of: Data("\u{FFFE}".utf8)) == nil)
        #expect(String(data: xml, encoding: .utf8) != nil)

        let output = try #require(try tree.elements("testsuite/testcase")[3].child("system-out")?.stringValue)
        #expect(output.contains(
            "Here:[31mred[0m 🙂👩‍💻 数据库 ]]> <script>alert(\"x\")</script> 'a' & b /ok\r\n"))
        #expect(output.contains("--- extracted code ---\nSELECT 1; -- ]]> & <b>\n"))
        #expect(output.contains("--- log ---\nran [1mfine[0m\n"))
    }

    @Test func passingSamplesOfACaseWithMixedVerdictsCarryTheOthersAsFlaky() throws {
        let report = RunReport(
            runID: "r", startedAt: Fixture.startedAt, duration: 1, suites: [],
            results: [
                Fixture.graded("s", "c", "1", model: "m", .sql, .pass(), 0.1),
                Fixture.graded("s", "c", "2", model: "m", .sql, .fail("row count 0 vs expected 1"), 0.1),
                Fixture.graded("s", "c", "3", model: "m", .sql, .error("timed out after 2 s"), 0.1),
                Fixture.graded("s", "d", "1", model: "m", .sql, .pass(), 0.1),
            ])
        let xml = try JUnitRenderer().render(report)
        let cases = try XMLTree(xml).elements("testsuite/testcase")
        #expect(cases[0].elements(forName: "flakyFailure").map { $0[attribute: "message"] } == ["sample #2: row count 0 vs expected 1"])
        #expect(cases[0].elements(forName: "flakyError").map { $0[attribute: "message"] } == ["sample #3: timed out after 2 s"])
        #expect(cases[1].elements(forName: "flakyFailure").isEmpty)
        #expect(cases[3].elements(forName: "flakyFailure").isEmpty)
        if let schema = Fixture.schemaURL {
            #expect(try JUnitSchemaValidator(schema: schema).validate(xml) == [])
        }
    }

    @Test func hostnameIsLeftOutWhenNotGiven() throws {
        let tree = try XMLTree(try JUnitRenderer(hostname: nil).render(Fixture.report))
        #expect(try tree.elements("testsuite").allSatisfy { $0[attribute: "hostname"] == nil })
    }

    @Test func suitesKnownOnlyFromResultsComeLastAndMissingModelsAreUnspecified() throws {
        let report = RunReport(
            runID: "r", startedAt: Fixture.startedAt, duration: 1,
            suites: [Suite(name: "a", file: URL(fileURLWithPath: "/a.yaml"), cases: [])],
            results: [
                Fixture.graded("orphan", "c", "1", model: nil, .sql, .pass(), 0.1),
                Fixture.graded("orphan", "c", "2", model: "m", .sql, .pass(), 0.1),
                Fixture.graded("a", "c", "1", model: nil, .sql, .pass(), 0.1),
            ])
        let suites = try XMLTree(try JUnitRenderer().render(report)).elements("testsuite")
        #expect(suites.map { $0[attribute: "name"] } == ["a", "orphan [unspecified]", "orphan [m]"])
        #expect(suites.map { $0.properties["model"] } == ["unspecified", "unspecified", "m"])
        // A sample other than #1 keeps its number, so its name is the same in a run that grades #1 too.
        #expect(suites.map { $0.elements(forName: "testcase").map { $0[attribute: "name"] } } == [
            ["c"], ["c"], ["c #2"],
        ])
    }

    @Test func extremeDurationsStayPlainDecimals() throws {
        let report = RunReport(
            runID: "r", startedAt: Fixture.startedAt, duration: .infinity, suites: [],
            results: [
                Fixture.graded("s", "tiny", "1", model: nil, .sql, .pass(), 1e-9),
                Fixture.graded("s", "huge", "1", model: nil, .sql, .pass(), 1e17),
                Fixture.graded("s", "negative", "1", model: nil, .sql, .pass(), -3),
                Fixture.graded("s", "nan", "1", model: nil, .sql, .pass(), .nan),
            ])
        let xml = try JUnitRenderer().render(report)
        if let schema = Fixture.schemaURL {
            #expect(try JUnitSchemaValidator(schema: schema).validate(xml) == [])
        }
        let tree = try XMLTree(xml)
        let times = try tree.elements("testsuite/testcase").map { $0[attribute: "time"] ?? "" }
        #expect(times.count == 4)
        #expect(times.allSatisfy { $0.wholeMatch(of: /[0-9]+\.[0-9]{3}/) != nil }, "\(times)")
        #expect(times[0] == "0.000" && times[2] == "0.000" && times[3] == "0.000")
        #expect(tree.root[attribute: "time"] == "0.000")
    }
}
