import Foundation
import ProctorCore
import Testing

@testable import ProctorRun

@Suite struct EditApplierTests {
    let code = "def greet(name):\n    return \"Hello, \" + name\n\n\ndef shout(text):\n    return text.upper()\n"
    let python = EditApplier(language: .python)

    func applied(_ answer: String) -> EditApplier.Applied? {
        try? python.apply(answer, to: code).get()
    }

    func malformed(_ answer: String) -> String? {
        if case .failure(let failure) = python.apply(answer, to: code) { return failure.reason }
        return nil
    }

    @Test func searchReplaceBlocksApplyInOrderAndOneThatMatchesNothingIsMalformed() {
        let answer = "<<<<<<< SEARCH\ndef greet(name):\n=======\ndef greet(name=\"world\"):\n>>>>>>> REPLACE\n"
            + "<<<<<<< SEARCH\n    return text.upper()   \n=======\n    return text.upper() + \"!\"\n>>>>>>> REPLACE"
        #expect(applied(answer) == EditApplier.Applied(
            code: "def greet(name=\"world\"):\n    return \"Hello, \" + name\n\n\ndef shout(text):\n    return text.upper() + \"!\"\n",
            form: "search-replace"))
        #expect(malformed("<<<<<<< SEARCH\ndef hello():\n=======\ndef hi():\n>>>>>>> REPLACE")
            == "malformed edit: search block 1 does not match the code")
    }

    @Test func unifiedDiffsApplyWithOffsetsAndCRLFAndAHunkThatDoesNotMatchIsMalformed() {
        let diff = "```diff\r\n--- a/x.py\r\n+++ b/x.py\r\n@@ -3,4 +3,4 @@\r\n \r\n \r\n def shout(text):\r\n-    return text.upper()\r\n+    return text.upper() + \"!\"\r\n```\r\n"
        #expect(applied(diff)?.code.contains("return text.upper() + \"!\"") == true)
        #expect(applied(diff)?.form == "diff")
        let shifted = "@@ -40,2 +40,2 @@\n def greet(name):\n-    return \"Hello, \" + name\n+    return \"Hi, \" + name\n"
        #expect(applied(shifted)?.code.hasPrefix("def greet(name):\n    return \"Hi, \" + name\n") == true)
        let wrong = "@@ -1,2 +1,2 @@\n def greet(person):\n-    return person\n+    return 'x'\n"
        #expect(malformed(wrong) == "malformed edit: hunk 1 does not match line 1")
    }

    @Test func changedDefinitionsAloneAreMergedByNameAndAWholeFileReplacesTheCode() {
        let partial = "Only greet changes:\n```python\nimport sys\n\ndef greet(name=\"world\"):\n    return \"Hello, \" + name\n```"
        let merged = applied(partial)
        #expect(merged?.form == "definitions")
        #expect(merged?.code == "import sys\ndef greet(name=\"world\"):\n    return \"Hello, \" + name\n\n\ndef shout(text):\n    return text.upper()\n")
        let whole = "```python\ndef greet(name):\n    return name\n\ndef shout(text):\n    return text\n```"
        #expect(applied(whole) == EditApplier.Applied(code: "def greet(name):\n    return name\n\ndef shout(text):\n    return text\n", form: "whole"))
        #expect(malformed("I would rather not change it.") == "no Python code in the answer")
        let future = try? EditApplier(language: .python).apply(
            "```python\nfrom itertools import (\n    chain,\n)\n\ndef f():\n    return list(chain([1]))\n```",
            to: "from __future__ import annotations\n\ndef f():\n    return []\n\n\ndef g():\n    return 1\n").get()
        #expect(future?.code == "from __future__ import annotations\nfrom itertools import (\n    chain,\n)\n\ndef f():\n    return list(chain([1]))\n\n\ndef g():\n    return 1\n")
    }
}

@Suite struct EditAndDebugCaseTests {
    func suite(_ text: String) throws -> URL {
        let folder = try RunFixtures.scratch()
        try text.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return folder.appendingPathComponent("s.yaml")
    }

    func grade(_ suite: URL, _ answers: [String]) async throws -> [Verdict] {
        let samples = suite.deletingLastPathComponent().appendingPathComponent("samples.jsonl")
        let lines = try answers.map { String(decoding: try JSONSerialization.data(withJSONObject: ["case": "c", "response": $0]), as: UTF8.self) }
        try lines.joined(separator: "\n").write(to: samples, atomically: true, encoding: .utf8)
        let report = suite.deletingLastPathComponent()
        let outcome = try await Evaluation().run(EvaluationPlan(
            suitePaths: [suite.path], source: SamplesFileSource(file: samples), jobs: 1,
            reports: RunFixtures.reports(in: report)))
        return outcome.report.results.map(\.verdict)
    }

    @Test func unchangedDefinitionsAreComparedByASTInTheSandbox() async throws {
        let suite = try suite("""
            cases:
              - id: c
                pattern: edit
                prompt: Make f add two.
                code: "def f(x):\\n    return x + 1\\n\\ndef g(x):\\n    return x * 2\\n"
                tests: assert f(1) == 3
                unchanged: [g]
            """)
        let verdicts = try await grade(suite, [
            "```python\ndef f(x):\n    return x + 2\n```",
            "```python\ndef f(x):\n    return x + 2\n\n\ndef g(x):   # reformatted, same AST\n    return (x * 2)\n```",
            "```python\ndef f(x):\n    return x + 2\n\ndef g(x):\n    return x * 3\n```",
        ])
        #expect(verdicts.map(\.outcome) == [.pass, .pass, .fail])
        #expect(verdicts[2].reason == "changed what must stay as it is: g")
        #expect(verdicts.allSatisfy { $0.details.editApplied == true })
    }

    @Test func unchangedNamesMayNotBeReboundAnywhere() async throws {
        let suite = try suite("""
            cases:
              - id: c
                pattern: edit
                prompt: Make f add two.
                code: "def f(x):\\n    return x + 1\\n\\ndef g(x):\\n    return x * 2\\n"
                tests: assert f(1) == 3
                unchanged: [g]
            """)
        let keep = "def g(x):\n    return x * 2\n"
        let verdicts = try await grade(suite, [
            "```python\ndef f(x):\n    return x + 2\n\n\(keep)g = lambda x: x * 3\n```",
            "```python\ndef f(x):\n    global g\n    g = None\n    return x + 2\n\n\(keep)```",
            "```python\ndef f(x):\n    globals()['g'] = None\n    return x + 2\n\n\(keep)```",
            "```python\ndef f(x):\n    return x + 2\n\n\(keep)\nif True:\n    def g(x):\n        return x\n```",
            "<<<<<<< SEARCH\n    return x + 1\n=======\n    return x + 2\n>>>>>>> REPLACE\n<<<<<<< SEARCH\n    return x * 2\n=======\n    return x * 2\ng = abs\n>>>>>>> REPLACE",
            "```python\ndef f(x):\n    return x + 2\n\n\(keep)\nimport __main__\n__main__.g = abs\n```",
            "```python\ndef f(x):\n    return x + 2\n\n\(keep)\nimport solution as s\ns.g = abs\n```",
        ])
        #expect(verdicts.map(\.reason) == Array(repeating: "changed what must stay as it is: g", count: 7), "\(verdicts.map(\.reason))")
    }

    @Test func editedCodeIsGradedAsItIsNotLookedForAgain() async throws {
        let suite = try suite("""
            cases:
              - id: c
                pattern: debug
                prompt: Fix it.
                code: "FENCE = '```'\\nTHINK = '</think>'\\n\\ndef f():\\n    return 1\\n"
                failure: "assert f() == 2"
                tests: assert f() == 2 and FENCE == '```' and THINK == '</think>'
            """)
        let verdicts = try await grade(suite, [
            "<<<<<<< SEARCH\n    return 1\n=======\n    return 2\n>>>>>>> REPLACE",
            "<<<<<<< SEARCH\n\n=======\nprint('x')\n>>>>>>> REPLACE",
        ])
        #expect(verdicts[0].outcome == .pass, "\(verdicts[0].reason)")
        #expect(verdicts[1].reason == "malformed edit: search block 1 is empty")
    }

    @Test func debugSaysWhetherTheFailingTestPassesNowAndTheOthersStill() async throws {
        let suite = try suite("""
            cases:
              - id: c
                pattern: debug
                prompt: Fix it.
                code: "def half(x):\\n    return x / 3\\n"
                failure: "AssertionError: assert half(6) == 3"
                tests: |
                  assert half(6) == 3
                  assert half(1) == 0.5
            """)
        let verdicts = try await grade(suite, [
            "```python\ndef half(x):\n    return x / 2\n```",
            "```python\ndef half(x):\n    return 3\n```",
            "```python\ndef half(x):\n    return x / 4\n```",
        ])
        #expect(verdicts.map(\.reason) == [
            "the failing test `assert half(6) == 3` passes now, and so do the others",
            "the failing test `assert half(6) == 3` passes now, but another breaks: `assert half(1) == 0.5` failed: AssertionError",
            "the failing test still fails: `assert half(6) == 3` failed: AssertionError",
        ])
    }

    @Test func casesThatCannotProveAnythingAreBadInput() async throws {
        let passing = try suite("""
            cases:
              - id: c
                pattern: debug
                prompt: Fix it.
                code: "def one():\\n    return 1\\n"
                failure: nothing
                tests: assert one() == 1
            """)
        let noBug = await #expect(throws: BadInput.self) { try await Evaluation().validate(paths: [passing.path], jobs: 1) }
        #expect(noBug?.diagnostics.first?.message == "debug case 'c': its code passes its tests, so there is nothing to debug")
        let problems = try suite("""
            cases:
              - id: nothing-to-check
                pattern: edit
                prompt: p
                code: x = 1
              - id: bad-template
                pattern: edit
                prompt: p
                code: x = 1
                tests: assert x == 2
                template: "{prompt} {diff}"
              - id: no-failure
                pattern: debug
                prompt: p
                code: x = 1
                tests: assert x == 2
              - id: missing-file
                pattern: edit
                prompt: p
                code_file: nope.py
                tests: assert True
              - id: sql-debug
                pattern: debug
                language: sql
                prompt: p
                code: SELECT 1
                failure: wrong
                tests: assert True
            """)
        let error = #expect(throws: BadInput.self) { try PatternRegistry.shipped.suiteLoader.load(paths: [problems.path]) }
        #expect(error?.diagnostics.map(\.message) == [
            "edit case 'nothing-to-check' has nothing to check",
            "unknown field {diff} in `template`",
            "debug case 'no-failure' has no `failure`",
            "file not found: nope.py (looked at \(problems.deletingLastPathComponent().appendingPathComponent("nope.py").path))",
            "debug cases are Python, not sql",
        ])
    }

    @Test func theMessageIsBuiltFromTheTemplate() throws {
        let suite = try suite("""
            cases:
              - id: c
                pattern: debug
                prompt: Fix it.
                code: "x = 1\\n"
                failure: "boom"
                tests: assert x == 2
              - id: d
                pattern: edit
                language: sql
                prompt: Add a column.
                code: SELECT 1
                database: t.sql
                gold: SELECT 1, 2
                template: "{language}: {code} — {prompt}"
            """)
        try "CREATE TABLE t(x);".write(to: suite.deletingLastPathComponent().appendingPathComponent("t.sql"), atomically: true, encoding: .utf8)
        let loaded = try PatternRegistry.shipped.suiteLoader.load(paths: [suite.path])
        #expect(loaded[0].cases[0].prompt == "Fix it.\n\n```python\nx = 1\n```\n\nIt fails with:\n\n```\nboom\n```\n")
        #expect(loaded[0].cases[1].prompt == "sql: SELECT 1 — Add a column.")
    }
}
