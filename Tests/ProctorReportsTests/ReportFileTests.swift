import Foundation
import Testing

@testable import ProctorReports

@Suite struct ReportFileTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-reports-\(UUID().uuidString)")

    func contents(of directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func createsMissingDirectories() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("reports/nested/junit.xml")
        try ReportFile.write(Data("first".utf8), to: url)
        #expect(try Data(contentsOf: url) == Data("first".utf8))
        #expect(try contents(of: url.deletingLastPathComponent()) == ["junit.xml"])
    }

    @Test func replacesAnExistingFileWithoutLeavingTemporaries() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("results.jsonl")
        try ReportFile.write(Data("a much longer first version\n".utf8), to: url)
        try ReportFile.write(Data("second\n".utf8), to: url)
        #expect(try Data(contentsOf: url) == Data("second\n".utf8))
        #expect(try contents(of: directory) == ["results.jsonl"])
    }

    @Test func failsOnADirectoryInTheWayAndCleansUp() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("junit.xml")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("occupied"), withIntermediateDirectories: true)
        let error = #expect(throws: ReportError.self) { try ReportFile.write(Data("x".utf8), to: url) }
        #expect(error?.description.contains(url.path) == true)
        #expect(try contents(of: directory) == ["junit.xml"])
    }

    @Test func failsWhenAParentIsAFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try ReportFile.write(Data("x".utf8), to: directory.appendingPathComponent("plain"))
        #expect(throws: ReportError.self) {
            try ReportFile.write(Data("y".utf8), to: directory.appendingPathComponent("plain/junit.xml"))
        }
    }
}
