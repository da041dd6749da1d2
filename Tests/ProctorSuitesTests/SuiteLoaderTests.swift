import Foundation
import ProctorRun
import ProctorSQL
import ProctorCore
import ProctorSuites
import Testing

@Suite struct SuiteLoaderTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("suites-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("db"), withIntermediateDirectories: true)
        try Data("CREATE TABLE t(x);".utf8).write(to: folder.appendingPathComponent("db/t.sql"))
    }

    func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func errors(_ text: String, name: String = "s.yaml") throws -> [Diagnostic] {
        let url = try write(name, text)
        do {
            _ = try PatternRegistry.shipped.suiteLoader.load(file: url)
            return []
        } catch let error as BadInput {
            return error.diagnostics
        }
    }

    @Test func loadsAFullSuite() throws {
        let url = try write("school.yaml", """
            system: "Be brief."
            defaults:
              timeout: 3s
              refusal: allow
            cases:
              - id: q1
                pattern: sql
                prompt: List x.
                database: db/t.sql
                gold: SELECT x FROM t
                timeout: 500ms
                tolerance: 1e-3
              - id: e1
                pattern: explain
                system: Explain well.
                prompt: "SELECT 1; Explain."
                mentions: [one, "two words"]
                forbids: nope
            """)
        let suite = try PatternRegistry.shipped.suiteLoader.load(file: url)
        #expect(suite.name == "school")
        #expect(suite.cases.map(\.id) == ["q1", "e1"])
        let sql = suite.cases[0]
        #expect(sql.timeout == .milliseconds(500))
        #expect(sql.system == "Be brief.")
        #expect(sql.location.line == 6)
        guard let check = sql.check as? SQLCheck else { Issue.record("not sql"); return }
        #expect(check.databases == [folder.appendingPathComponent("db/t.sql").standardizedFileURL])
        #expect(check.tolerance == 1e-3)
        let explain = suite.cases[1]
        #expect(explain.timeout == .seconds(3))
        #expect(explain.system == "Explain well.")
        #expect(explain.check as? ExplainCheck == ExplainCheck(mentions: ["one", "two words"], forbids: ["nope"], refusal: .allow))
    }

    @Test func neighboursComeFromTheCaseTheDefaultsOrFour() throws {
        let url = try write("n.yaml", """
            defaults:
              neighbours: off
            cases:
              - {id: a, pattern: sql, prompt: p, database: db/t.sql, gold: SELECT x FROM t}
              - {id: b, pattern: sql, prompt: p, database: db/t.sql, gold: SELECT x FROM t, neighbours: 3}
            """)
        let suite = try PatternRegistry.shipped.suiteLoader.load(file: url)
        #expect(suite.cases.map { ($0.check as? SQLCheck)?.neighbours } == [0, 3])
        let plain = try write("p.yaml", "cases:\n  - {id: a, pattern: sql, prompt: p, database: db/t.sql, gold: SELECT x FROM t}\n")
        #expect((try PatternRegistry.shipped.suiteLoader.load(file: plain).cases[0].check as? SQLCheck)?.neighbours == 4)

        let bad = try errors("""
            cases:
              - {id: a, pattern: sql, prompt: p, database: db/t.sql, gold: SELECT x FROM t, neighbours: many}
              - {id: b, pattern: sql, prompt: p, database: db/t.sql, gold: SELECT x FROM t, neighbours: 0}
            """, name: "bad.yaml")
        #expect(bad.map(\.message) == ["invalid `neighbours` 'many'", "invalid `neighbours` '0'"])
        #expect(bad.map(\.location?.line) == [2, 3])
        #expect(bad.first?.hint == "`off`, or how many neighbour databases at most, from 1 to 16")
    }

    @Test func maxResponseBytesComesFromTheCaseTheDefaultsOrOneMiB() throws {
        let url = try write("limits.yaml", """
            defaults:
              max_response_bytes: 512KiB
            cases:
              - {id: a, pattern: explain, prompt: p}
              - {id: b, pattern: explain, prompt: p, max_response_bytes: 2 MiB}
              - {id: c, pattern: explain, prompt: p, max_response_bytes: 1000}
            """)
        let suite = try PatternRegistry.shipped.suiteLoader.load(file: url)
        #expect(suite.cases.map(\.maxResponseBytes) == [512 << 10, 2 << 20, 1000])
        let plain = try write("plain.yaml", "cases: [{id: a, pattern: explain, prompt: p}]")
        #expect(try PatternRegistry.shipped.suiteLoader.load(file: plain).cases[0].maxResponseBytes == 1 << 20)
        let diagnostics = try errors("""
            cases:
              - {id: a, pattern: explain, prompt: p, max_response_bytes: lots}
              - {id: b, pattern: explain, prompt: p, max_response_bytes: 0}
              - {id: c, pattern: explain, prompt: p, max_response_bytes: 2GiB}
            """)
        #expect(diagnostics.map(\.message) == [
            "`max_response_bytes` must be a number of bytes from 1 to 1 GiB, not 'lots'",
            "`max_response_bytes` must be a number of bytes from 1 to 1 GiB, not '0'",
            "`max_response_bytes` must be a number of bytes from 1 to 1 GiB, not '2GiB'",
        ])
        #expect(diagnostics.first?.hint == "write e.g. 1048576, 512KiB or 2MiB")
    }

    @Test func jsonSuitesLoadToo() throws {
        let url = try write("j.json", #"{"suite": "js", "cases": [{"id": "a", "pattern": "explain", "prompt": "p"}]}"#)
        #expect(try PatternRegistry.shipped.suiteLoader.load(file: url).name == "js")
    }

    @Test func unknownKeysPatternsAndMisplacedKeysNameTheLine() throws {
        let diagnostics = try errors("""
            suite: s
            colour: blue
            cases:
              - id: a
                pattern: sql
                prompt: p
                database: db/t.sql
                gold: SELECT 1
                mentions: [x]
              - id: b
                pattern: haiku
                prompt: p
              - id: c
                pattern: explain
                prompt: p
                golds: x
            """)
        try #require(diagnostics.map(\.location?.line) == [2, 9, 11, 16])
        #expect(diagnostics[0].message == "unknown key `colour` in suite")
        #expect(diagnostics[1].message == "key `mentions` does not apply to pattern sql (it belongs to explain)")
        #expect(diagnostics[2].message == "unknown pattern 'haiku' in case 'b'")
        #expect(diagnostics[3].message == "unknown key `golds` in case 'c'")
        #expect(diagnostics.allSatisfy { $0.location?.file.hasSuffix("s.yaml") == true })
    }

    @Test func duplicateIdsMissingFieldsAndMissingFixtures() throws {
        let diagnostics = try errors("""
            cases:
              - id: a
                pattern: explain
                prompt: p
              - id: a
                pattern: explain
                prompt: q
              - pattern: explain
                prompt: r
              - id: d
                pattern: sql
                prompt: p
                database: db/missing.sql
              - id: e
                pattern: explain
            """)
        let messages = diagnostics.map(\.message)
        #expect(messages.contains("duplicate case id 'a' (first defined on line 2)"))
        #expect(messages.contains("case without `id`"))
        #expect(messages.contains { $0.hasPrefix("fixture not found: db/missing.sql") })
        #expect(messages.contains("sql case 'd' has no `gold` query"))
        #expect(messages.contains("case 'e' has no `prompt`"))
        #expect(diagnostics.first { $0.message.hasPrefix("fixture not found") }?.location?.line == 13)
    }

    @Test func badValues() throws {
        let diagnostics = try errors("""
            defaults: {timeout: soon}
            cases:
              - id: a
                pattern: explain
                prompt: p
                refusal: maybe
              - id: b
                pattern: sql
                prompt: p
                database: db/t.sql
                gold: "  "
                tolerance: lots
              - id: c
                pattern: completion
                prompt: p
            """)
        try #require(diagnostics.map(\.location?.line) == [1, 6, 11, 12, 13])
        #expect(diagnostics[0].message == "invalid timeout 'soon'")
        #expect(diagnostics[1].hint == "one of: fail, allow")
        #expect(diagnostics[4].message == "completion case 'c' has nothing to check")
    }

    @Test func repairRoundsAndFeedbackTemplatesAreReadAndCheckedAtTheirLines() throws {
        let diagnostics = try errors("""
            defaults: {repair: 2}
            cases:
              - id: a
                pattern: explain
                prompt: p
                repair: 1
              - id: b
                pattern: comments-to-code
                prompt: p
                tests: "assert True"
                repair: 11
              - id: c
                pattern: comments-to-code
                prompt: p
                tests: "assert True"
                feedback: "Wrong: {reason}. Score {score}."
            """)
        try #require(diagnostics.map(\.location?.line) == [6, 11, 16])
        #expect(diagnostics[0].message == "`repair` needs a case whose answer is run; pattern explain runs none")
        #expect(diagnostics[1].message == "`repair` must be a whole number of rounds from 0 to 10, not '11'")
        #expect(diagnostics[2].message == "unknown field {score} in `feedback`")
        #expect(diagnostics[2].hint?.contains("{reason}, {statement}") == true)

        let url = try write("ok.yaml", """
            defaults: {repair: 2, feedback: "Try again: {reason}"}
            cases:
              - {id: a, pattern: explain, prompt: p, mentions: [x]}
              - {id: b, pattern: comments-to-code, prompt: p, tests: "assert True"}
              - {id: c, pattern: comments-to-code, prompt: p, tests: "assert True", repair: 0, feedback: "{details}"}
            """)
        let cases = try PatternRegistry.shipped.suiteLoader.load(file: url).cases
        #expect(cases.map(\.repair) == [0, 2, 0], "a default applies to the cases that run code")
        #expect(cases.map(\.runsCode) == [false, true, true])
        #expect(cases.map(\.feedback?.text) == ["Try again: {reason}", "Try again: {reason}", "{details}"])
    }

    @Test func yamlSyntaxErrorsAndEmptyFiles() throws {
        let syntax = try errors("cases:\n  - id: a\n    prompt: [unclosed\n")
        #expect(syntax.count == 1)
        #expect(syntax[0].message.hasPrefix("invalid YAML"))
        #expect(syntax[0].location?.line != nil)
        #expect(try errors("").first?.message == "the suite file is empty")
        #expect(try errors("- just\n- a list\n").first?.message == "a suite must be a mapping with `cases:`")
        #expect(try errors("suite: x\n").first?.message == "missing `cases:`")
    }

    @Test func aRunConfigurationAmongTheSuitesIsSkippedAndNamedAloneIsExplained() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "cases:\n  - {id: a, pattern: explain, prompt: p}\n".write(
            to: folder.appendingPathComponent("one.yaml"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("proctor.yaml")
        try "models: [{model: m}]\n".write(to: config, atomically: true, encoding: .utf8)
        let loader = PatternRegistry.shipped.suiteLoader
        #expect(try loader.load(paths: [folder.path]).map(\.name) == ["one"])
        let named = #expect(throws: BadInput.self) { try loader.load(paths: [config.path]) }
        #expect(named?.diagnostics.first?.message == "this is a run configuration (top-level `models:`), not a suite")
        #expect(named?.diagnostics.first?.hint == "pass it with --config \(config.path)")
    }

    @Test func foldersAreSearchedRecursivelyAndNamesMustBeUnique() throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        _ = try write("one.yaml", "cases: [{id: a, pattern: explain, prompt: p}]")
        _ = try write("nested/two.yml", "cases: [{id: a, pattern: explain, prompt: p}]")
        _ = try write("nested/notes.txt", "not a suite")
        let suites = try PatternRegistry.shipped.suiteLoader.load(paths: [folder.path])
        #expect(suites.map(\.name) == ["two", "one"] || suites.map(\.name) == ["one", "two"])
        #expect(Set(suites.map(\.name)) == ["one", "two"])

        _ = try write("nested/one.yaml", "cases: [{id: a, pattern: explain, prompt: p}]")
        let error = #expect(throws: BadInput.self) { try PatternRegistry.shipped.suiteLoader.load(paths: [folder.path]) }
        #expect(error?.diagnostics.first?.message.hasPrefix("suite name 'one' is also used by") == true)

        let missing = #expect(throws: BadInput.self) { try PatternRegistry.shipped.suiteLoader.load(paths: ["/no/such/place"]) }
        #expect(missing?.diagnostics.first?.message == "no such file or folder: /no/such/place")
    }

    @Test func shippedSuitesLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let suites = try PatternRegistry.shipped.suiteLoader.load(paths: [root.appendingPathComponent("suites").path])
        #expect(suites.count >= 3)
        #expect(Set(suites.flatMap { $0.cases.map(\.pattern) }).isSuperset(of: [.sql, .explain]))
    }
}
