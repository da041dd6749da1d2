import Foundation

/// Runs the built `proctor` executable as a child process, as a user would.
struct ProctorCLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root, where the shipped suites and fixtures are.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The schema every scorecard must validate against, beside the repository; absent on a user's clone.
    static let schema = root.deletingLastPathComponent().appendingPathComponent("shared/conformance/junit-10.xsd")
    static var hasSchema: Bool { FileManager.default.fileExists(atPath: schema.path) }

    /// The `proctor` binary built beside the test bundle.
    static let executable: URL? = {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        return candidates.map { $0.appendingPathComponent("proctor") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func run(
        _ arguments: [String], in directory: URL = root,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Output {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs several `proctor` commands at the same time: launched one after another from this thread (Foundation's
    /// `Process.run` is not safe to call from several threads at once), then awaited together.
    static func runAtOnce(_ commands: [[String]], in directory: URL = root) throws -> [Output] {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        var launched: [(process: Process, stdout: URL, stderr: URL)] = []
        for (index, arguments) in commands.enumerated() {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = environment
            let stdout = scratch.appendingPathComponent("\(index).out")
            let stderr = scratch.appendingPathComponent("\(index).err")
            FileManager.default.createFile(atPath: stdout.path, contents: nil)
            FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = try FileHandle(forWritingTo: stderr)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            launched.append((process, stdout, stderr))
        }
        return try launched.map { entry in
            entry.process.waitUntilExit()
            return Output(status: entry.process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: entry.stdout), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: entry.stderr), as: UTF8.self))
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
