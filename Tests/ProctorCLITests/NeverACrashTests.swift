import Foundation
import Testing

/// Input that used to crash `proctor` (a trap, a backtrace, exit 132) or fail late: each is now a quiet, early,
/// documented outcome.
@Suite(.serialized) struct NeverACrashTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    func reports(_ name: String) -> [String] {
        ["--junit", out.appendingPathComponent("\(name).xml").path,
         "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path,
         "--html", out.appendingPathComponent("\(name).html").path]
    }

    /// Runs `script` with python3 and `arguments` (`sys.argv[1:]`); its output, and its status.
    func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aClosedStandardOutputCostsTheOutputNotTheRunOrItsReports() throws {
        let executable = try #require(ProctorCLI.executable)
        // What `proctor run | head -1` does once head has gone: the read end is closed before proctor writes, and
        // SIGPIPE has its default action, as a shell gives it.
        let launcher = """
            import os, signal, subprocess, sys
            read, write = os.pipe()
            os.close(read)
            child = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=write, stderr=subprocess.PIPE,
                                   preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))
            sys.stdout.write("status %d\\n" % child.returncode + child.stderr.decode())
            """
        let (_, output) = try python(
            launcher, [ProctorCLI.root.path, executable.path, "run", "--min-pass-rate", "0.99", "--no-history"]
                + reports("closed"))
        #expect(output.hasPrefix("status 1\n"), "the gate's exit code, not a signal: \(output)")
        #expect(!output.contains("Fatal error") && !output.contains("Backtrac"), "\(output)")
        #expect(output.contains("sandbox: "), "standard error still works: \(output)")
        let results = try String(contentsOf: out.appendingPathComponent("closed.jsonl"), encoding: .utf8)
        #expect(results.split(separator: "\n").count > 50, "every report is still written")
        for name in ["closed.xml", "closed.md", "closed.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func anOutOfRangeNumberIsBadInputNotATrap() throws {
        let school = try String(contentsOf: ProctorCLI.root.appendingPathComponent("suites/school.yaml"), encoding: .utf8)
        let suite = out.appendingPathComponent("school.yaml")
        try school.replacingOccurrences(of: "timeout: 2s", with: "timeout: 1e308")
            .replacingOccurrences(of: "../fixtures/", with: ProctorCLI.root.appendingPathComponent("fixtures").path + "/")
            .write(to: suite, atomically: true, encoding: .utf8)
        let validate = try ProctorCLI.run(["validate", suite.path])
        #expect(validate.status == 2, "\(validate.stderr)")
        #expect(validate.stderr.contains("\(suite.path):10:12: error: invalid timeout '1e308'"), "\(validate.stderr)")

        let problems = out.appendingPathComponent("problems.jsonl")
        try Data(#"{"task_id": "T/0", "prompt": "def f():\n", "entry_point": "f", "test": "def check(f): pass"}"#.utf8)
            .write(to: problems)
        for timeout in ["1e300", "inf", "0", "601s"] {
            let imported = try ProctorCLI.run(
                ["import", "humaneval", problems.path, "--timeout", timeout, "-o", out.appendingPathComponent("h.yaml").path])
            #expect(imported.status == 2, "\(timeout): \(imported.stderr)")
            #expect(imported.stderr.contains("--timeout must be like 5s or 500ms, from 1ms to 600s"), "\(imported.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("h.yaml").path))

        let request = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--provider", "openai", "--model", "m", "--record", "--request-timeout", "1e300",
             "--base-url", "http://127.0.0.1:9/v1", "--no-history"] + reports("request"))
        #expect(request.status == 2, "\(request.stderr)")
        #expect(request.stderr.contains("--request-timeout must be above 0 and at most 3600"), "\(request.stderr)")

        var environment = ProcessInfo.processInfo.environment
        environment["JOB_COMPLETION_INDEX"] = String(Int.max)
        environment["JOB_COMPLETIONS"] = "2"
        let shard = try ProctorCLI.run(["run", "suites/school.yaml", "--no-history"] + reports("shard"), environment: environment)
        #expect(shard.status == 2, "\(shard.stderr)")
        #expect(shard.stderr.contains("JOB_COMPLETION_INDEX=\(Int.max) and JOB_COMPLETIONS=2 do not name a shard"))
    }

    @Test func reportPathsThatCannotBeWrittenAreBadInputBeforeAnythingIsGraded() throws {
        let file = out.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let run = try ProctorCLI.run(
            ["run", "suites/", "--junit", out.path, "--results", file.appendingPathComponent("r.jsonl").path,
             "--summary", out.appendingPathComponent("fine/s.md").path, "--html", "/dev/null",
             "--history", out.appendingPathComponent("h.sqlite").path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(out.path): error: --junit cannot be written: it is a directory"), "\(run.stderr)")
        #expect(run.stderr.contains("--results cannot be written: cannot write in its folder \(file.path): Not a directory"))
        #expect(run.stderr.contains("/dev/null: error: --html cannot be written: it is not a regular file"))
        #expect(!run.stderr.contains("--summary"), "a path that can be written is no problem")
        #expect(run.stderr.contains("hint: give --junit a file path in a folder you can write to"))
        #expect(!run.stderr.contains("sandbox:"), "nothing was prepared or graded: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("h.sqlite").path))

        let graded = try ProctorCLI.run(["run", "suites/school.yaml", "--no-history"] + reports("graded"))
        #expect(graded.status == 0, "\(graded.stderr)")
        let merge = try ProctorCLI.run(
            ["merge", out.appendingPathComponent("graded.jsonl").path, "--suites", "suites/school.yaml",
             "--results", out.appendingPathComponent("graded.jsonl").path + "/", "--junit", out.appendingPathComponent("m.xml").path,
             "--summary", out.appendingPathComponent("m.md").path])
        #expect(merge.status == 2, "\(merge.stderr)")
        #expect(merge.stderr.contains("--results cannot be written: it is a directory"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("m.xml").path))

        let imported = try ProctorCLI.run(["import", "humaneval", "no-such-problems.jsonl", "--output", out.path])
        #expect(imported.status == 2, "\(imported.stderr)")
        #expect(imported.stderr.contains("\(out.path): error: --output cannot be written: it is a directory"))
        let compared = try ProctorCLI.run(
            ["compare", out.appendingPathComponent("graded.jsonl").path, out.appendingPathComponent("graded.jsonl").path,
             "--markdown", "/dev/null"])
        #expect(compared.status == 2, "\(compared.stderr)")
        #expect(compared.stderr.contains("/dev/null: error: --markdown cannot be written: it is not a regular file"))
    }

    @Test func aDamagedOrForeignHistoryIsRefusedBeforeAnyReportIsReplaced() throws {
        let history = out.appendingPathComponent("history.sqlite").path
        let first = try ProctorCLI.run(["run", "suites/school.yaml", "--history", history] + reports("first"))
        #expect(first.status == 0, "\(first.stderr)")
        // Fold the WAL into the file, then overwrite the first table page's cells (page 2: `runs`).
        let corrupt = """
            import sqlite3, sys
            connection = sqlite3.connect(sys.argv[1])
            connection.execute('PRAGMA wal_checkpoint(TRUNCATE)')
            connection.execute('PRAGMA journal_mode=DELETE')
            connection.close()
            with open(sys.argv[1], 'r+b') as f:
                f.seek(4096 + 8)
                f.write(bytes(range(256)) * 4)
            """
        #expect(try python(corrupt, [history]).status == 0)
        let damaged = try bytes(history)
        let firstResults = try bytes(out.appendingPathComponent("first.jsonl").path)
        let again = try ProctorCLI.run(["run", "suites/school.yaml", "--history", history] + reports("first"))
        #expect(again.status == 2, "\(again.stderr)")
        #expect(again.stderr.contains("\(history): error: the history is damaged ("), "\(again.stderr)")
        #expect(again.stderr.contains("nothing was changed"))
        #expect(try bytes(out.appendingPathComponent("first.jsonl").path) == firstResults, "no report was replaced")
        #expect(try bytes(history) == damaged)
        let shown = try ProctorCLI.run(["history", "--history", history])
        #expect(shown.status == 2, "\(shown.stdout)")
        #expect(shown.stderr.contains("the history is damaged"), "\(shown.stderr)")

        let foreign = out.appendingPathComponent("notes.sqlite").path
        let make = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE notes (x)'); c.commit()"
        #expect(try python(make, [foreign]).status == 0)
        let before = try bytes(foreign)
        for command in [["history", "--history", foreign],
                        ["run", "suites/school.yaml", "--history", foreign] + reports("foreign")] {
            let refused = try ProctorCLI.run(command)
            #expect(refused.status == 2, "\(command[0]): \(refused.stdout)")
            #expect(refused.stderr.contains("\(foreign): error: not a Proctor history: it holds other tables (notes, user_version 0)"),
                    "\(refused.stderr)")
        }
        #expect(try bytes(foreign) == before, "another program's file is left as it was")
        let tables = "import sqlite3, sys; print(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute('SELECT name FROM sqlite_master')))"
        #expect(try python(tables, [foreign]).output == "['notes']\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("foreign.jsonl").path))

        let empty = out.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: nil)
        let none = try ProctorCLI.run(["history", "--history", empty])
        #expect(none.status == 0 && none.stdout == "no runs in \(empty)\n", "\(none.stderr)")
        #expect(try bytes(empty).isEmpty, "proctor history writes nothing")
        let fresh = try ProctorCLI.run(["run", "suites/school.yaml", "--history", empty] + reports("fresh"))
        #expect(fresh.status == 0, "an empty file is a new history: \(fresh.stderr)")
    }

    @Test func samplesFromAPipeAreReadLikeAFile() throws {
        let command = """
            exec "$0" run suites/school.yaml --no-history --answered-only --samples <(printf '%s\\n' '{"case": "cs-students", "response": "SELECT 1"}') "$@"
            """
        let executable = try #require(ProctorCLI.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command, executable.path] + reports("piped")
        process.currentDirectoryURL = ProctorCLI.root
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(!stderr.contains("permission"), "\(stderr)")
        let results = try String(contentsOf: out.appendingPathComponent("piped.jsonl"), encoding: .utf8)
        #expect(results.split(separator: "\n").count == 1)
        #expect(results.contains("\"case\":\"cs-students\""))

        let directory = try ProctorCLI.run(["run", "suites/school.yaml", "--no-history", "--samples", out.path] + reports("dir"))
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("\(out.path): error: cannot read samples file: Is a directory"), "\(directory.stderr)")
    }

    @Test func noTrapsAreWrittenInTheSources() throws {
        // `try!`, `fatalError`, `as!` and postfix `!` (force-unwraps): each traps on input it did not expect.
        let pattern = try NSRegularExpression(pattern: #"try!|fatalError\(|preconditionFailure\(|\bas!|[\w\)\]]!(?!=)"#)
        let sources = ProctorCLI.root.appendingPathComponent("Sources")
        // The embedded Python and C programs (`…Script.swift`, `ExecStub.swift`) are not Swift: `{x!r}` is no unwrap.
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" && !$0.lastPathComponent.hasSuffix("Script.swift") && $0.lastPathComponent != "ExecStub.swift" } ?? []
        #expect(files.count > 100)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                if pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                    found.append("\(file.lastPathComponent):\(number + 1): \(line)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
