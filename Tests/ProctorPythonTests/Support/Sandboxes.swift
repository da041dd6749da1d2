import Foundation
import Glibc
import ProctorPython

/// The sandboxes the tests share: detection runs once per process.
enum Sandboxes {
    static let detected: Result<PythonSandbox, any Error> = Result { try PythonSandbox() }
    static let fallback: Result<PythonSandbox, any Error> = Result { try PythonSandbox(allowNamespaces: false) }
    /// Forks of warm workers where bubblewrap allows them, else the same as `detected`.
    static let warm: Result<PythonSandbox, any Error> = Result { try PythonSandbox(warmWorkers: 2) }

    static var all: [Result<PythonSandbox, any Error>] { [detected, warm, fallback] }

    /// The sandboxes whose programs cannot signal the harness (a PID namespace or another uid).
    static var separated: [Result<PythonSandbox, any Error>] {
        all.filter { (try? $0.get())?.isolation.separatesFromHarness == true }
    }

    static var isolated: Bool { (try? detected.get())?.isolation.level == .namespaces }
    static var limitsProcesses: Bool { (try? detected.get())?.isolation.enforcesProcessLimit == true }
}

/// Processes on this machine whose command line contains `marker`.
func processes(containing marker: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> String? in
        guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else {
            return nil
        }
        let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        return line.contains(marker) ? "\(entry): \(line)" : nil
    }
}

/// Stops, then kills, every process whose command line contains `marker`, round after round until none is left
/// (a test's clean-up when a sandbox let forking processes escape).
func killAll(containing marker: String) {
    for _ in 0..<100 {
        let pids = processes(containing: marker).compactMap { $0.split(separator: ":").first.flatMap { pid_t($0) } }
        if pids.isEmpty { return }
        for pid in pids { kill(pid, SIGSTOP) }
        for pid in pids { kill(pid, SIGKILL) }
        usleep(10_000)
    }
}
