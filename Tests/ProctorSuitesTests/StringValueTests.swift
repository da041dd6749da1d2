import Foundation
import ProctorCore
import ProctorRun
import ProctorSuites
import Testing

/// YAML reads an unquoted `yes`, `0` or `~` as a boolean, a number or null: where a string is expected, that is
/// flagged at its line with a hint to quote it.
@Suite struct StringValueTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("strings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func errors(_ text: String, name: String = "s.yaml") throws -> [Diagnostic] {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        do {
            _ = try PatternRegistry.shipped.suiteLoader.load(file: url)
            return []
        } catch let error as BadInput {
            return error.diagnostics
        }
    }

    @Test func numbersAndBooleansInStringListsAreFlaggedWithTheirLine() throws {
        let found = try errors("""
            cases:
              - id: e1
                pattern: explain
                prompt: Explain it.
                mentions: [0, yes, "no", 'off', select]
                forbids:
                  - 1.5
                  - ~
            """)
        #expect(found.map(\.message) == [
            "`mentions` must be a string, but 0 is a number in YAML",
            "`mentions` must be a string, but yes is a boolean in YAML",
            "`forbids` must be a string, but 1.5 is a number in YAML",
            "`forbids` must be a string, but ~ is null in YAML",
        ])
        #expect(found.map(\.location?.line) == [5, 5, 7, 8])
        #expect(found[1].hint == #"quote it: "yes""#)
    }

    @Test func stringValuesAreFlaggedTooButNumbersWhereNumbersBelongAreNot() throws {
        let found = try errors("""
            defaults:
              timeout: 2
              samples: 3
              max_response_bytes: 1024
            cases:
              - id: 7
                pattern: explain
                prompt: true
                mentions: join
                tags: [nightly, 2026]
              - id: sql-off
                pattern: sql
                prompt: Count.
                gold: SELECT 1
                database: missing.sql
                neighbours: off
            """)
        #expect(found.contains { $0.message == "`id` must be a string, but 7 is a number in YAML" && $0.location?.line == 6 })
        #expect(found.contains { $0.message == "`prompt` must be a string, but true is a boolean in YAML" })
        #expect(found.contains { $0.message == "`tags` must be a string, but 2026 is a number in YAML" })
        // timeout 2, samples 3, max_response_bytes 1024 and neighbours: off are read as what they are.
        #expect(!found.contains { $0.message.contains("timeout") || $0.message.contains("samples")
            || $0.message.contains("max_response_bytes") || $0.message.contains("neighbours") })
    }

    @Test func jsonSuitesAreCheckedTheSameWay() throws {
        let found = try errors(#"{"cases": [{"id": "e", "pattern": "explain", "prompt": "p", "mentions": ["a", true, 3]}]}"#,
                               name: "s.json")
        #expect(found.map(\.message) == [
            "`mentions` must be a string, but true is a boolean in YAML",
            "`mentions` must be a string, but 3 is a number in YAML",
        ])
    }

    @Test func theShippedSuitesStillLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let suites = try PatternRegistry.shipped.suiteLoader.load(paths: [root.appendingPathComponent("suites").path])
        #expect(suites.count == 7)
    }

    @Test func tagsComeFromTheDefaultsThenTheCase() throws {
        let url = folder.appendingPathComponent("t.yaml")
        try Data("""
            defaults:
              tags: nightly
            cases:
              - id: a
                pattern: explain
                prompt: Explain it.
                tags: [slow, nightly]
              - id: b
                pattern: explain
                prompt: Explain it.
            """.utf8).write(to: url)
        let suite = try PatternRegistry.shipped.suiteLoader.load(file: url)
        #expect(suite.cases.map(\.tags) == [["nightly", "slow"], ["nightly"]])
        let bad = try errors("""
            cases:
              - id: a
                pattern: explain
                prompt: Explain it.
                tags: ["two words", {x: 1}]
            """)
        #expect(bad.map(\.message) == ["tag 'two words' must be a non-empty word without spaces or commas", "`tags` must be a string"])
    }
}
