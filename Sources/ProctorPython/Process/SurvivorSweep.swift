import Foundation
import Glibc

/// Finds and kills what a run left behind when there is no PID namespace to tear down.
///
/// A process belongs to the run when it is in the run's process group or session, or when its environment
/// still carries the run's marker (a `setsid` daemon keeps it unless it execs with a new environment).
struct SurvivorSweep: Sendable {
    static let markerName = "PROCTOR_SANDBOX_RUN"

    let group: pid_t
    let marker: String

    /// Kills matching processes until a scan finds none (a fork loop may need several rounds).
    func run() {
        let needle = Array("\(Self.markerName)=\(marker)".utf8)
        for _ in 0..<50 {
            let found = survivors(needle: needle)
            if found.isEmpty { return }
            for pid in found { kill(pid, SIGKILL) }
        }
    }

    private func survivors(needle: [UInt8]) -> [pid_t] {
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var found: [pid_t] = []
        for entry in entries {
            guard let pid = pid_t(entry), pid != me, pid > 1 else { continue }
            if belongsToRun(pid, needle: needle) { found.append(pid) }
        }
        return found
    }

    private func belongsToRun(_ pid: pid_t, needle: [UInt8]) -> Bool {
        let group = getpgid(pid)
        if group == self.group || getsid(pid) == self.group { return true }
        guard group >= 0, let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else {
            return false
        }
        return environment.split(separator: 0).contains { $0.elementsEqual(needle) }
    }
}
