import Foundation
import Glibc

/// Runs a trusted helper command (never model code) with the harness's environment and returns its stdout.
enum BlockingRun {
    static func capture(executable: String, arguments: [String]) throws -> String {
        let output = try FileDescriptor.pipe()
        let errors = try FileDescriptor.pipe()
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(null) }
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                executable: executable, arguments: arguments, environment: environment,
                descriptors: [(null, 0), (output.write, 1), (errors.write, 2)])
        } catch {
            [output.read, output.write, errors.read, errors.write].forEach { close($0) }
            throw error
        }
        close(output.write)
        close(errors.write)
        let limits = PythonLimits(wallTime: .seconds(30))
        let outcome = Supervision(child: child, limits: limits, sweep: {})
            .run(stdout: output.read, stderr: errors.read, channel: nil)
        guard outcome.exceeded == nil, outcome.waitStatus == 0 else {
            throw PythonSandboxError("\(executable) failed: \(outcome.stderr.text.suffix(300))")
        }
        return outcome.stdout.text
    }
}
