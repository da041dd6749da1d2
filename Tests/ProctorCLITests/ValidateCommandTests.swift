import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func shippedSuitesAreValid() throws {
        let output = try ProctorCLI.run(["validate", "suites"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.last?.hasPrefix("ok: ") == true)
        #expect(lines.filter { $0.contains(": neighbours: ") }.count == 11, "one line per SQL case")
        #expect(output.stdout.contains("36 solution(s) pass, 47 mutant(s) fail"), "every shipped case proves its checks")
        #expect(output.stderr.isEmpty, "no shipped gold or solution reads the clock, no timeout is too tight")
    }

    @Test func aSolutionThatFailsOrAMutantThatPassesIsASuiteBug() throws {
        let folder = try ProctorCLI.temporaryDirectory()
        try Data("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3);".utf8)
            .write(to: folder.appendingPathComponent("t.sql"))
        let suite = folder.appendingPathComponent("self.yaml")
        try Data("""
            cases:
              - id: sum
                pattern: sql
                prompt: p
                database: t.sql
                gold: SELECT SUM(x) FROM t
                neighbours: off   # a neighbour database would tell mutant 1 apart
                solution: SELECT SUM(x) FROM t WHERE x > 1
                mutants:
                  - SELECT MAX(x) + 3 FROM t
                  - SELECT COUNT(x) FROM t
              - id: double
                pattern: comments-to-code
                prompt: p
                tests: assert double(2) == 4
                mutants: ["def double(x):\\n    return x + 2\\n", "def double(x) return"]
                solution: "def double(x):\\n    return 2 * x\\n"
            """.utf8).write(to: suite)
        let output = try ProctorCLI.run(["validate", suite.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(suite.path):2:5: error: case 'sum': its solution does not pass: fail: "))
        #expect(output.stderr.contains("\(suite.path):2:5: error: case 'sum': mutant 1 passes\n"))
        #expect(!output.stderr.contains("mutant 2 passes"))
        #expect(output.stderr.contains("\(suite.path):12:5: error: case 'double': mutant 1 passes (all tests passed)"))
        #expect(output.stderr.contains("\(suite.path):12:5: warning: case 'double': mutant 2 is an error (no Python code in the response), not a fail"))
    }

    @Test func clockAndRandomnessWarnAndFailWithStrictAndATightTimeoutWarns() throws {
        let folder = try ProctorCLI.temporaryDirectory()
        try Data("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('2024-01-01');".utf8)
            .write(to: folder.appendingPathComponent("t.sql"))
        let suite = folder.appendingPathComponent("clock.yaml")
        try Data("""
            cases:
              - id: age
                pattern: sql
                prompt: p
                database: t.sql
                gold: SELECT julianday('now') - julianday(x) > 0 FROM t
              - id: word
                pattern: sql
                prompt: p
                database: t.sql
                gold: SELECT 'now' AS word FROM t
              - id: slow
                pattern: comments-to-code
                prompt: p
                timeout: 1s
                tests: assert answer == 42
                solution: "import time\\ntime.sleep(0.3)\\nanswer = 42\\n"
            """.utf8).write(to: suite)
        let output = try ProctorCLI.run(["validate", suite.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("\(suite.path):2:5: warning: case 'age': its gold reads the clock or randomness ('now')"))
        #expect(output.stderr.contains("\(suite.path):12:5: warning: case 'slow': its timeout 1.00 s is below max(1 s, 4 × the solution's 0."))
        #expect(!output.stderr.contains("case 'word'"), "'now' as a value is not the clock")
        let strict = try ProctorCLI.run(["validate", "--strict", suite.path])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("error: case 'age': its gold reads the clock or randomness ('now')"))
    }

    @Test func saysWhatEachSQLCaseGotAsNeighbours() throws {
        let folder = try ProctorCLI.temporaryDirectory()
        try Data("CREATE TABLE t(x INTEGER NOT NULL); INSERT INTO t VALUES (1), (2), (3), (5), (8);".utf8)
            .write(to: folder.appendingPathComponent("t.sql"))
        try Data("""
            suite: n
            cases:
              - {id: above, pattern: sql, prompt: p, database: t.sql, gold: SELECT x FROM t WHERE x > 4}
              - {id: same, pattern: sql, prompt: p, database: t.sql, gold: "SELECT x FROM t WHERE EXISTS (SELECT 1)"}
              - {id: none, pattern: sql, prompt: p, database: t.sql, gold: SELECT x FROM t, neighbours: off}
            """.utf8).write(to: folder.appendingPathComponent("n.yaml"))
        let output = try ProctorCLI.run(["validate", "n.yaml"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("n/above: neighbours: "))
        #expect(lines[1].contains("`1` → `2`, `1` → `0`"), "\(lines[1])")
        #expect(lines[2] == "n/none: neighbours: off")
        #expect(lines[3].hasPrefix("ok: 1 suite(s), 3 case(s)"))
        let cached = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("reports/.neighbours").path)
        #expect(cached.count == 2)
        let again = try ProctorCLI.run(["validate", "n.yaml"], in: folder)
        #expect(again.stdout == output.stdout)
    }

    @Test func goldQueryThatErrorsIsASuiteBugWithFileAndCase() throws {
        let folder = try ProctorCLI.temporaryDirectory()
        try Data("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);".utf8)
            .write(to: folder.appendingPathComponent("t.sql"))
        let suite = folder.appendingPathComponent("gold.yaml")
        try Data("""
            cases:
              - id: bad-gold
                pattern: sql
                prompt: p
                database: t.sql
                gold: SELECT y FROM t
            """.utf8).write(to: suite)
        let output = try ProctorCLI.run(["validate", suite.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(suite.path):2:"))
        #expect(output.stderr.contains("bad-gold") || output.stderr.contains("no such column"))
    }

    @Test func fixtureScriptThatFailsIsReported() throws {
        let folder = try ProctorCLI.temporaryDirectory()
        try Data("CREATE TABLE t(x INTEGER); INSERT INTO nowhere VALUES (1);".utf8)
            .write(to: folder.appendingPathComponent("t.sql"))
        let suite = folder.appendingPathComponent("fixture.yaml")
        try Data("cases:\n  - id: a\n    pattern: sql\n    prompt: p\n    database: t.sql\n    gold: SELECT x FROM t\n".utf8)
            .write(to: suite)
        let output = try ProctorCLI.run(["validate", suite.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("nowhere"))
    }

    @Test func helpAgreesWithTheDocs() throws {
        let help = try ProctorCLI.run(["run", "--help"])
        #expect(help.status == 0)
        let docs = try String(contentsOf: ProctorCLI.root.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        for flag in [
            "--samples", "--responses", "--junit", "--results", "--jobs", "--min-pass-rate", "--quiet", "--baseline",
            "--max-regressions", "--provider", "--config", "--base-url", "--model", "--api-key-env", "--variant",
            "--record", "--offline", "--refresh", "--temperature", "--top-p", "--max-tokens", "--seed", "--stop",
            "--samples-per-case", "--fold-system-prompt", "--request-timeout", "--concurrency", "--price-input",
            "--price-output", "--max-cost", "--dry-run", "--summary", "--html", "--history", "--no-history", "--shard",
            "--min-pass-rate-suite", "--min-pass-rate-pattern", "--suite", "--case", "--tag", "--pattern", "--rerun-failed",
        ] {
            #expect(help.stdout.contains(flag), "help lacks \(flag)")
            #expect(docs.contains(flag), "docs/cli.md lacks \(flag)")
        }
        // Every flag either command's help lists is documented, as a code span.
        for command in ["run", "validate", "calibrate"] {
            let text = try ProctorCLI.run([command, "--help"]).stdout
            let flags = Set(text.matches(of: #/--[a-z][a-z0-9-]*/#).map { String($0.output) })
                .subtracting(["--help", "--version"])
            for flag in flags {
                #expect(docs.contains("`\(flag)"), "docs/cli.md lacks `\(flag)` of proctor \(command) --help")
            }
        }
        let root = try ProctorCLI.run(["--help"]).stdout
        for command in ["run", "validate", "compare", "merge", "history", "import", "calibrate"] {
            #expect(root.contains(command), "proctor --help lacks \(command)")
            #expect(docs.contains("proctor \(command)"), "docs/cli.md lacks proctor \(command)")
        }
    }
}
