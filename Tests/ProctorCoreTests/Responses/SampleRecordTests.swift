import Foundation
import ProctorRun
import ProctorCore
import Testing

@Suite struct SampleRecordTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samples-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    func suites() -> [Suite] {
        let location = SourceLocation(file: "s.yaml", line: 3)
        func explain(_ id: String) -> Case {
            Case(id: id, pattern: .explain, prompt: "p", check: ExplainCheck(), location: location)
        }
        return [
            Suite(name: "a", file: URL(fileURLWithPath: "a.yaml"), cases: [explain("one"), explain("shared")]),
            Suite(name: "b", file: URL(fileURLWithPath: "b.yaml"), cases: [explain("two"), explain("shared")]),
        ]
    }

    @Test func readsRecordsAndHumanEvalLinesSkippingBlankOnes() throws {
        let url = try write("""
            {"case": "one", "response": "r1", "model": "m", "sample": 7, "extra": true}

            {"task_id": "two", "completion": "r2"}
            """)
        let records = try SampleRecord.read(url)
        #expect(records.count == 2)
        #expect(records[0].sampleID == "7")
        #expect(records[0].model == "m")
        #expect(records[1].caseID == "two")
        #expect(records[1].origin.line == 3)
    }

    @Test func invalidJSONNamesFileAndLine() throws {
        let url = try write("{\"case\": \"one\", \"response\": \"ok\"}\n{not json}\n[1]\n{\"case\": \"one\"}\n")
        let error = try #require(throws: BadInput.self) { try SampleRecord.read(url) }
        #expect(error.diagnostics.map(\.location?.line) == [2, 3, 4])
        #expect(error.diagnostics[0].message == "not valid JSON")
        #expect(error.diagnostics[0].location?.file == url.relativePath)
        #expect(error.diagnostics[2].message == "missing \"response\" for case 'one'")
    }

    @Test func numbersUnnamedSamplesPerCase() throws {
        let url = try write("""
            {"case": "one", "response": "x"}
            {"case": "one", "response": "y"}
            {"case": "two", "response": "z"}
            """)
        let batch = try SampleMatcher(suites: suites()).match(try SampleRecord.read(url))
        #expect(batch.samples.map(\.sampleID) == ["1", "2", "1"])
        #expect(batch.samples.map(\.suite) == ["a", "a", "b"])
    }

    @Test func unknownAndAmbiguousCasesAreErrors() throws {
        let url = try write("""
            {"case": "nope", "response": "x"}
            {"case": "shared", "response": "y"}
            {"suite": "b", "case": "shared", "response": "z"}
            {"suite": "a", "case": "two", "response": "w"}
            """)
        let error = try #require(throws: BadInput.self) {
            try SampleMatcher(suites: suites()).match(try SampleRecord.read(url))
        }
        #expect(error.diagnostics.map(\.location?.line) == [1, 2, 4])
        #expect(error.diagnostics[0].message == "unknown case 'nope'")
        #expect(error.diagnostics[1].message.contains("several suites (a, b)"))
        #expect(error.diagnostics[2].message == "unknown case 'two' in suite 'a'")
    }

    @Test func duplicateSampleIdsAreErrorsAndUnselectedSuitesWarn() throws {
        let url = try write("""
            {"case": "one", "response": "x", "sample": "s1"}
            {"case": "one", "response": "y", "sample": "s1"}
            {"suite": "zzz", "case": "one", "response": "y"}
            """)
        let error = try #require(throws: BadInput.self) {
            try SampleMatcher(suites: suites()).match(try SampleRecord.read(url))
        }
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics[0].location?.line == 2)

        let ok = try write("{\"suite\": \"zzz\", \"case\": \"q\", \"response\": \"y\"}\n{\"case\": \"one\", \"response\": \"x\"}")
        let batch = try SampleMatcher(suites: suites()).match(try SampleRecord.read(ok))
        #expect(batch.samples.count == 1)
        #expect(batch.warnings.map(\.message) == ["skipped 1 sample(s) of suite 'zzz', which is not selected"])
    }

    @Test func recordedSourceReportsEveryCaseWithoutAResponse() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{\"suite\": \"a\", \"case\": \"one\", \"response\": \"x\"}\n".utf8)
            .write(to: folder.appendingPathComponent("a.jsonl"))
        let error = await #expect(throws: BadInput.self) {
            _ = try await RecordedResponseSource(directory: folder).samples(for: suites())
        }
        #expect(error?.diagnostics.map(\.message) == [
            "no recorded response for a/shared", "no recorded response for b/two", "no recorded response for b/shared",
        ])
    }
}

@Suite struct LeftOutAnswerTests {
    func explain(_ id: String) -> Case {
        Case(id: id, pattern: .explain, prompt: "Explain.", check: ExplainCheck(), location: SourceLocation(file: "s.yaml"))
    }

    @Test func answersToCasesASelectionLeftOutAreSkippedNotErrors() throws {
        let selected = [Suite(name: "a", file: URL(fileURLWithPath: "a.yaml"), cases: [explain("one")])]
        let leftOut: Set<CaseKey> = [CaseKey(suite: "a", caseID: "two"), CaseKey(suite: "b", caseID: "three")]
        let here = SourceLocation(file: "s.jsonl", line: 1)
        let records = [
            SampleRecord(caseID: "one", response: "x", suite: "a", origin: here),
            SampleRecord(caseID: "two", response: "x", suite: "a", origin: here),
            SampleRecord(caseID: "two", response: "x", origin: here),
            SampleRecord(caseID: "three", response: "x", suite: "b", origin: here),
            SampleRecord(caseID: "three", response: "x", origin: here),
        ]
        let batch = try SampleMatcher(suites: selected, leftOut: leftOut).match(records)
        #expect(batch.samples.map(\.caseID) == ["one"])
        #expect(batch.warnings.isEmpty)
        #expect(throws: BadInput.self) { try SampleMatcher(suites: selected).match(records) }
        #expect(throws: BadInput.self) { try SampleMatcher(suites: selected, leftOut: leftOut).match([SampleRecord(caseID: "four", response: "x", origin: here)]) }
    }

    @Test func diagnosticsShownAreCappedAtFiftyWithACount() {
        let many = (1...57).map { Diagnostic.error("problem \($0)") }
        let lines = Diagnostic.lines(many)
        #expect(lines.count == 51)
        #expect(lines[49] == "error: problem 50")
        #expect(lines.last == "... and 7 more")
        #expect(Diagnostic.lines(Array(many.prefix(50))).count == 50)
        #expect(BadInput(many).description.hasSuffix("error: problem 50\n... and 7 more"))
    }
}
