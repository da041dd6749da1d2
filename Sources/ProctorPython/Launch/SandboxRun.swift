import Foundation
import Glibc

/// One run of the interpreter under a launch plan, in its own scratch directory.
struct SandboxRun {
    /// A secret handed to the child on a pipe, and a pipe the child reports back on.
    struct PrivateChannel {
        var secret: [UInt8]
    }

    let plan: LaunchPlan
    let limits: PythonLimits

    /// Writes `files` into a fresh scratch directory, runs `python` there and removes the directory.
    func execute(files: [(name: String, text: String)], stdin: String, python: [String], channel: PrivateChannel?)
        throws -> Supervision.Outcome
    {
        let scratch = try ScratchDirectory.create(owner: plan.uid)
        defer { scratch.remove() }
        for file in files { try scratch.write(file.text, to: file.name) }

        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        defer { (parentEnds + childEnds).forEach { close($0) } }
        let input = try scratch.stdinDescriptor(stdin)
        childEnds.append(input)
        let output = try FileDescriptor.pipe()
        let errors = try FileDescriptor.pipe()
        parentEnds += [output.read, errors.read]
        childEnds += [output.write, errors.write]
        var descriptors: [(parent: Int32, child: Int32)] = [(input, 0), (output.write, 1), (errors.write, 2)]

        var report: Int32?
        if let channel {
            let secret = try FileDescriptor.pipe()
            childEnds.append(secret.read)
            defer { close(secret.write) }
            let back = try FileDescriptor.pipe()
            childEnds.append(back.write)
            parentEnds.append(back.read)
            report = back.read
            try FileDescriptor.writeAll(secret.write, channel.secret)
            descriptors += [(secret.read, 3), (back.write, 4)]
        }

        // bubblewrap copies each file into the scratch tmpfs it mounts from a descriptor it then closes.
        var copies: [(name: String, descriptor: Int32)] = []
        if plan.bubblewrap != nil {
            for file in files {
                let fd = open(scratch.path + "/" + file.name, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw PythonSandboxError("cannot open \(file.name): \(errnoText())") }
                childEnds.append(fd)
                let number = Int32(descriptors.count)
                descriptors.append((fd, number))
                copies.append((file.name, number))
            }
        }

        let marker = UUID().uuidString
        let command = plan.command(scratch: scratch.path, files: copies, limits: limits, python: python, marker: marker)
        let child = try ChildProcess.spawn(
            executable: command.executable, arguments: command.arguments, environment: command.environment,
            descriptors: descriptors)
        childEnds.forEach { close($0) }
        childEnds = []
        // Without a PID namespace the stub is a supervisor: on a limit it gets a moment to kill what is below it,
        // then the group kill and the survivor sweep are the backstop.
        let sweep =
            plan.bubblewrap == nil ? SurvivorSweep(group: child.pid, marker: marker) : nil
        let grace: Duration? = plan.bubblewrap == nil ? .milliseconds(500) : nil
        let outcome = Supervision(child: child, limits: limits, grace: grace, sweep: { sweep?.run() })
            .run(stdout: output.read, stderr: errors.read, channel: report)
        parentEnds = []
        return outcome
    }
}
