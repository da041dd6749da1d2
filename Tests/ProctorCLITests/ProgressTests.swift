import Foundation
import ProctorTestSupport
import Testing

/// Redirected output (a CI log) still shows a long run moving: a progress line every interval, and each retry of a
/// model request with its cause and what to do. `PROCTOR_PROGRESS_INTERVAL` shortens the interval from 10 s.
@Suite(.serialized) struct ProgressTests {
    let out: URL

    init() throws {
        out = try ProctorCLI.temporaryDirectory()
    }

    func flags(_ name: String) -> [String] {
        ["--no-history", "--junit", out.appendingPathComponent("\(name).xml").path,
         "--results", out.appendingPathComponent("\(name).jsonl").path,
         "--summary", out.appendingPathComponent("\(name).md").path,
         "--html", out.appendingPathComponent("\(name).html").path]
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PROCTOR_PROGRESS_INTERVAL"] = "0.2"
        return environment
    }

    @Test func aSlowModelShowsProgressAndEveryRetryWithItsCauseAndAHint() async throws {
        let server = try ChatServer()
        // The first answer takes longer than --request-timeout (its retry is answered); the next case's request is
        // told to come back in 1 s.
        try await server.control(["queue": ["slow:2.5", "ok", "retry-after:1"]])
        let run = try ProctorCLI.run(
            ["run", "suites/school.yaml", "--provider", "openai", "--model", "tiny", "--record", "--concurrency", "1",
             "--request-timeout", "1", "--base-url", server.baseURL.absoluteString,
             "--responses", out.appendingPathComponent("responses").path] + flags("slow"),
            environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let progress = lines.filter { $0.hasPrefix("progress ") }
        #expect(progress.contains { $0.contains(": answers 0/6 recorded, ETA unknown") }, "\(run.stderr)")
        #expect(progress.contains { $0.contains(": answers 1/6 recorded, ETA ") && !$0.contains("unknown") },
                "the second request waits 1 s, five intervals: \(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("school/cs-students #1 [tiny]: attempt 1 of 5 failed: timed out after 1 s; next in ") },
                "\(run.stderr)")
        #expect(lines.contains(
            "  hint: an answer took longer than --request-timeout (1 s): cap its length with --max-tokens, or raise --request-timeout"))
        #expect(lines.contains(
            "school/students-per-department #1 [tiny]: attempt 1 of 5 failed: HTTP 429: Rate limit reached for requests; next in 1 s"))
        #expect(lines.contains("  hint: the server limits requests: lower --concurrency, or wait"))
        #expect(try await server.requests().count == 8, "six answers and two retries")
        #expect(!run.stdout.contains("progress "), "progress goes to standard error, not the report on standard output")
    }

    @Test func gradingShowsCountsPassRateAndETAWhileItGoesOn() throws {
        let run = try ProctorCLI.run(["run", "suites/python-programs.yaml"] + flags("graded"), environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let progress = run.stderr.split(separator: "\n").filter { $0.hasPrefix("progress ") }
        #expect(progress.contains { $0.contains(": graded ") && $0.contains(", pass ") && $0.contains("%, ETA ") },
                "\(run.stderr)")
        #expect(!progress.contains { $0.contains("answers") }, "nothing was asked: \(progress)")

        let quiet = try ProctorCLI.run(["run", "suites/python-programs.yaml"] + flags("default"))
        #expect(!quiet.stderr.contains("progress "), "every 10 s by default: a short run shows none")
    }
}
