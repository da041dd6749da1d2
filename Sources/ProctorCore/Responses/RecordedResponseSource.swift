import Foundation

/// Recorded responses shipped with the suites: every `.jsonl` file below a folder, in the samples format.
///
/// Offline by construction. Every selected case must have at least one recorded response; a missing one is
/// a problem of the recordings, reported with what to add, never a verdict.
public struct RecordedResponseSource: ResponseSource {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func samples(for suites: [Suite]) async throws -> SampleBatch {
        try await samples(for: suites, leavingOut: [])
    }

    public func samples(for suites: [Suite], leavingOut leftOut: Set<CaseKey>) async throws -> SampleBatch {
        let path = directory.relativePath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw BadInput(.error("recorded responses folder not found: \(path)",
                                  hint: "pass --samples FILE to grade responses from a file"))
        }
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "jsonl" }
            .sorted { $0.path < $1.path }
        var records: [SampleRecord] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let display = (path as NSString).appendingPathComponent(
                String(file.path.dropFirst(directory.path.count).drop { $0 == "/" }))
            do {
                records += try SampleRecord.read(file, displayPath: display)
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        let matcher = SampleMatcher(suites: suites, leftOut: leftOut)
        var batch = try matcher.match(records)
        batch.warnings.removeAll()
        let missing = matcher.unanswered(by: batch.samples)
        if !missing.isEmpty {
            throw BadInput(missing.map { suite, testCase in
                .error("no recorded response for \(suite.name)/\(testCase.id)", at: testCase.location,
                       hint: "add a line {\"suite\": \"\(suite.name)\", \"case\": \"\(testCase.id)\", \"response\": \"...\"} to a .jsonl file in \(path), or grade a file with --samples")
            })
        }
        // Every (model, variant) group recorded must answer every case with its samples 1…n, as a run expects.
        var incomplete = matcher.beyondDeclared(batch.samples)
        let recorded = Set(batch.samples.map(\.key))
        for sample in matcher.expected(by: batch.samples) where !recorded.contains(sample.key) {
            incomplete.append(Diagnostic.error(
                "no recorded response for \(sample.key.label())", at: suites.lazy.flatMap(\.cases)
                    .first { $0.id == sample.caseID }?.location,
                hint: "record it, or add a line with \"sample\": \"\(sample.sampleID)\"\(sample.model.map { ", \"model\": \"\($0)\"" } ?? "") to a .jsonl file in \(path)"))
        }
        if !incomplete.isEmpty { throw BadInput(incomplete) }
        return batch
    }
}
