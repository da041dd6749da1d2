import ArgumentParser
import Foundation
import ProctorCore
import ProctorProviders

/// The `proctor` command: parses flags, calls the library, renders, and sets the exit code.
@main
struct Proctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proctor",
        abstract: "Offline evaluation harness for code-generating chat models.",
        discussion: """
            Grades model responses to suites of prompt cases by running the extracted code in a sandbox \
            and writes a JUnit scorecard and per-sample results.

            Exit codes: 0 run complete and gates met; 1 a gate failed; 2 bad input (usage, invalid suite \
            or samples file, missing fixture); 3 internal failure.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ValidateCommand.self, CompareCommand.self, MergeCommand.self, HistoryCommand.self, ImportCommand.self,
                      CalibrateCommand.self]
    )

    /// Runs the command, mapping errors to Proctor's exit codes (ArgumentParser's usage code 64 becomes 2).
    ///
    /// SIGPIPE is ignored first: a reader that closes its end of a pipe makes writes fail with `EPIPE`, which
    /// ``Console`` drops, instead of killing the run before its reports and exit code.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as BadInput {
            Console.standardError.diagnostics(error.diagnostics)
            Foundation.exit(ExitStatus.badInput)
        } catch let error as ProviderError {
            Console.standardError.untrusted("proctor: the model gave no answer to record: \(error.message)")
            Foundation.exit(ExitStatus.internalFailure)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.standardOutput.line(message) }
                Foundation.exit(ExitStatus.success)
            }
            if code == .validationFailure || error is ValidationError || code.rawValue == 64 {
                Console.standardError.line(message)
                Foundation.exit(ExitStatus.badInput)
            }
            Console.standardError.untrusted("proctor: internal failure: \(message.isEmpty ? String(describing: error) : message)")
            Foundation.exit(ExitStatus.internalFailure)
        }
    }
}
