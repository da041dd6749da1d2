import Foundation
import ProctorCore
import ProctorRun
@testable import ProctorSuites
import Testing

/// The JSON Schemas in `schemas/` against the readers: every key a reader accepts is in the schema, and the
/// schema offers no key the readers refuse; the shipped suites and run configuration validate against them.
@Suite struct SchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let suiteSchema = root.appendingPathComponent("schemas/suite.schema.json")
    static let runConfigSchema = root.appendingPathComponent("schemas/run-config.schema.json")
    static let shippedRunConfig = root.appendingPathComponent("examples/proctor.yaml")

    /// Keys the schema already describes while their readers are being written (none now). Once a reader accepts
    /// one, it is checked like any other; until then the schema may hold it and the readers may not.
    static let pendingCaseKeys: [Pattern?: Set<String>] = [:]
    static let pendingDefaultKeys: Set<String> = []

    func json(_ url: URL) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func object(_ value: Any?, _ path: String...) throws -> [String: Any] {
        var current = value
        for key in path { current = (current as? [String: Any])?[key] }
        return try #require(current as? [String: Any], "no object at \(path.joined(separator: "."))")
    }

    func keys(_ value: Any?, _ path: String...) throws -> Set<String> {
        var current = value
        for key in path { current = (current as? [String: Any])?[key] }
        return Set(try #require(current as? [String: Any], "no object at \(path.joined(separator: "."))").keys)
    }

    /// `schema` may hold `pending` keys the readers do not accept yet, and nothing else beyond `accepted`.
    func expectSame(schema: Set<String>, accepted: Set<String>, pending: Set<String>, _ what: String) {
        #expect(accepted.subtracting(schema).isEmpty, "\(what): keys the readers accept but the schema lacks")
        #expect(schema.subtracting(accepted).subtracting(pending).isEmpty, "\(what): keys the schema offers but the readers refuse")
    }

    @Test func suiteKeysMatchTheReaders() throws {
        let schema = try json(Self.suiteSchema)
        let definitions = try object(schema, "definitions")
        expectSame(schema: try keys(schema, "properties"), accepted: SuiteReader.suiteKeys, pending: [], "suite")

        let registry = PatternRegistry.shipped
        let defaultKeys = registry.patterns.reduce(SuiteReader.commonDefaultKeys) { $0.union($1.defaultKeys) }
        expectSame(schema: try keys(definitions, "defaults", "properties"), accepted: defaultKeys,
                   pending: Self.pendingDefaultKeys, "defaults")

        let caseSchema = try object(definitions, "case")
        let allCaseKeys = registry.patterns.reduce(SuiteReader.commonCaseKeys) { $0.union($1.caseKeys) }
        let allPending = Self.pendingCaseKeys.values.reduce(Set<String>()) { $0.union($1) }
        expectSame(schema: try keys(caseSchema, "properties"), accepted: allCaseKeys, pending: allPending, "case")

        let patternEnum = try #require((caseSchema["properties"] as? [String: Any])?["pattern"] as? [String: Any])["enum"]
        #expect(patternEnum as? [String] == registry.names.map(\.rawValue))

        // One `if pattern == X then propertyNames: [...]` per pattern, listing exactly that pattern's keys.
        let branches = try #require(caseSchema["allOf"] as? [[String: Any]])
        var seen: [String] = []
        for branch in branches {
            let pattern = try #require(try object(branch, "if", "properties", "pattern")["const"] as? String)
            seen.append(pattern)
            let names = try #require(try object(branch, "then", "propertyNames")["enum"] as? [String])
            let reader = try #require(registry.patterns.first { $0.pattern.rawValue == pattern }, "no pattern \(pattern)")
            let pending = (Self.pendingCaseKeys[nil] ?? []).union(Self.pendingCaseKeys[Pattern(pattern)] ?? [])
            #expect(names.count == Set(names).count, "\(pattern): a key listed twice")
            expectSame(schema: Set(names), accepted: SuiteReader.commonCaseKeys.union(reader.caseKeys), pending: pending,
                       "pattern \(pattern)")
        }
        #expect(seen == registry.names.map(\.rawValue))
    }

    @Test func runConfigurationKeysMatchTheLoader() throws {
        let schema = try json(Self.runConfigSchema)
        expectSame(schema: try keys(schema, "properties"), accepted: RunConfigurationLoader.topKeys, pending: [], "top level")
        expectSame(schema: try keys(schema, "properties", "gates", "properties"), accepted: RunConfigurationLoader.gateKeys,
                   pending: [], "gates")
        expectSame(schema: try keys(schema, "definitions", "model", "properties"), accepted: RunConfigurationLoader.modelKeys,
                   pending: [], "model")
        let patterns = try object(schema, "properties", "gates", "properties", "patterns", "propertyNames")["enum"] as? [String]
        #expect(patterns == PatternRegistry.shipped.names.map(\.rawValue))
    }

    @Test func shippedFilesNameTheirSchema() throws {
        let suites = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("suites").path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(!suites.isEmpty)
        for name in suites {
            let text = try String(contentsOf: Self.root.appendingPathComponent("suites/\(name)"), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/suite.schema.json\n"), "suites/\(name)")
        }
        let config = try String(contentsOf: Self.shippedRunConfig, encoding: .utf8)
        #expect(config.hasPrefix("# yaml-language-server: $schema=../schemas/run-config.schema.json\n"))
        // The shipped configuration is one Proctor reads, not only one the schema accepts.
        let configuration = try PatternRegistry.shipped.configurationLoader.load(path: Self.shippedRunConfig.path)
        #expect(configuration.models.count == 2)
    }

    // MARK: check-jsonschema

    /// `check-jsonschema` (PyPI; `.ci/run` installs it), or nil on a machine without it.
    static let validator: [String]? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        if let dir = paths.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/check-jsonschema") }) {
            return ["\(dir)/check-jsonschema"]
        }
        // pip may have put the script where PATH does not look; the module runs all the same.
        guard let python = paths.map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import check_jsonschema"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? [python, "-m", "check_jsonschema"] : nil
    }()

    func validate(schema: URL, _ files: [String]) throws -> (status: Int32, output: String) {
        let command = try #require(Self.validator)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + ["--schemafile", schema.path] + files
        process.currentDirectoryURL = Self.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: validator != nil, "check-jsonschema is not installed (python3 -m pip install check-jsonschema)"))
    func shippedSuitesAndConfigurationValidate() throws {
        let suites = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("suites").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "suites/\($0)" }
        let suitesResult = try validate(schema: Self.suiteSchema, suites)
        #expect(suitesResult.status == 0, "\(suitesResult.output)")
        let configResult = try validate(schema: Self.runConfigSchema, ["examples/proctor.yaml"])
        #expect(configResult.status == 0, "\(configResult.output)")
    }

    @Test(.enabled(if: validator != nil, "check-jsonschema is not installed (python3 -m pip install check-jsonschema)"))
    func schemaRefusesWhatTheReadersRefuse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let suite = folder.appendingPathComponent("bad.yaml")
        try Data("""
            cases:
              - id: misplaced
                pattern: completion
                prompt: "def f():"
                tests: "assert f() is None"
                gold: SELECT 1
              - id: judged
                pattern: explain
                prompt: Explain.
                judge: {reference: "no criteria"}
              - id: neighbourly
                pattern: sql
                prompt: Q
                database: db.sql
                gold: SELECT 1
                neighbours: 17
              - id: tagged
                pattern: explain
                prompt: Explain.
                tags: [nightly, "two words"]
            """.utf8).write(to: suite)
        let result = try validate(schema: Self.suiteSchema, [suite.path])
        #expect(result.status != 0)
        #expect(result.output.contains("cases[0]") && result.output.contains("'gold' is not one of"), "\(result.output)")
        #expect(result.output.contains("'criteria' is a required property"), "\(result.output)")
        #expect(result.output.contains("cases[2].neighbours"), "\(result.output)")
        #expect(result.output.contains("cases[3].tags"), "\(result.output)")

        let config = folder.appendingPathComponent("proctor.yaml")
        try Data("models:\n  - model: m\n    price_input: 1\n    temprature: 0\n".utf8).write(to: config)
        let configResult = try validate(schema: Self.runConfigSchema, [config.path])
        #expect(configResult.status != 0)
        #expect(configResult.output.contains("temprature"), "\(configResult.output)")
        #expect(configResult.output.contains("'price_output' is a dependency of 'price_input'"), "\(configResult.output)")
    }
}
