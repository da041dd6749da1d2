import Foundation
import ProctorPython
import ProctorRun
import ProctorCore
import ProctorSuites
import Testing

/// The keys of `comments-to-code` and `completion` cases.
@Suite struct PythonCaseTests {
    func load(_ text: String) throws -> Result<Suite, BadInput> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("python-\(UUID().uuidString).yaml")
        try Data(text.utf8).write(to: url)
        do {
            return .success(try PatternRegistry.shipped.suiteLoader.load(file: url))
        } catch let error as BadInput {
            return .failure(error)
        }
    }

    func messages(_ text: String) throws -> [String] {
        guard case .failure(let error) = try load(text) else { return [] }
        return error.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" }
    }

    @Test func readsEveryPythonKey() throws {
        let suite = try load("""
            defaults:
              lint: true
            cases:
              - id: greet
                pattern: comments-to-code
                prompt: Greet the user.
                stdin: "Ada\\n"
                stdout_contains: Hello, Ada!
                stdout_matches: ['^Hello', 'Ada!$']
              - id: mul
                pattern: completion
                prompt: |
                  import math
                  def multiply(a, b):
                tests: |
                  assert multiply(2, 3) == 81
                lint: false
                timeout: 1s
            """).get()
        guard let greet = suite.cases[0].check as? PythonCheck, let mul = suite.cases[1].check as? PythonCheck else {
            Issue.record("not Python checks")
            return
        }
        #expect(greet == PythonCheck(stdin: "Ada\n", stdoutContains: ["Hello, Ada!"], stdoutMatches: ["^Hello", "Ada!$"], lint: true))
        #expect(suite.cases[0].timeout == .seconds(5))
        #expect(mul == PythonCheck(tests: "assert multiply(2, 3) == 81\n", lint: false, entryPoint: "multiply"))
        #expect(suite.cases[1].timeout == .seconds(1))
    }

    @Test func reportsEveryProblemWithItsLine() throws {
        let problems = try messages("""
            cases:
              - id: nothing
                pattern: comments-to-code
                prompt: p
              - id: regex
                pattern: comments-to-code
                prompt: p
                stdout_matches: '(unclosed'
              - id: no-function
                pattern: completion
                prompt: write something
                tests: assert True
              - id: bad-entry
                pattern: completion
                prompt: "def f("
                entry_point: not a name
                tests: assert True
              - id: lint
                pattern: comments-to-code
                prompt: p
                tests: assert True
                lint: sometimes
              - id: wrong-key
                pattern: comments-to-code
                prompt: p
                tests: assert True
                entry_point: f
              - id: sql-key
                pattern: comments-to-code
                prompt: p
                tests: assert True
                gold: SELECT 1
            """)
        #expect(problems == [
            "2: comments-to-code case 'nothing' has nothing to check",
            "8: invalid regular expression in `stdout_matches`: (unclosed",
            "9: completion case 'no-function' has no `entry_point` and its prompt defines no function",
            "16: `entry_point` must be a Python function name, not 'not a name'",
            "22: `lint` must be true or false, not 'sometimes'",
            "27: key `entry_point` does not apply to pattern comments-to-code (it belongs to completion)",
            "32: key `gold` does not apply to pattern comments-to-code (it belongs to sql)",
        ])
    }
}

/// Suite `variants:`: named system prompts that replace the suite's, never a case's own.
@Suite struct VariantTests {
    @Test func readsVariantsAndKeepsACasesOwnSystemPrompt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("variants-\(UUID().uuidString).yaml")
        try Data("""
            system: Default.
            variants:
              python-only: Python only, don't explain.
              explain-ok: Explanations are welcome.
            cases:
              - id: a
                pattern: explain
                prompt: Explain it.
              - id: b
                pattern: explain
                prompt: Explain that.
                system: Own prompt.
                samples: 4
            """.utf8).write(to: url)
        let suite = try PatternRegistry.shipped.suiteLoader.load(file: url)
        #expect(suite.variants.map(\.name) == ["python-only", "explain-ok"])
        #expect(suite.cases.map(\.samples) == [nil, 4])
        #expect(suite.system(for: suite.cases[0], variant: "python-only") == "Python only, don't explain.")
        #expect(suite.system(for: suite.cases[0], variant: nil) == "Default.")
        #expect(suite.system(for: suite.cases[1], variant: "explain-ok") == "Own prompt.")
    }

    @Test func badVariantsAreReportedWithTheirLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("variants-\(UUID().uuidString).yaml")
        try Data("variants:\n  two words: x\n  ok: [1]\ncases:\n  - id: a\n    pattern: explain\n    prompt: p\n".utf8).write(to: url)
        do {
            _ = try PatternRegistry.shipped.suiteLoader.load(file: url)
            Issue.record("expected bad variants to be reported")
        } catch let error as BadInput {
            #expect(error.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" } == [
                "2: variant name 'two words' must be non-empty, without spaces, commas or brackets",
                "3: `variants` must be a string",
            ])
        }
    }
}
