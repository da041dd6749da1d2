import Foundation
import Testing

@testable import ProctorReports

@Suite(.enabled(if: Fixture.hasSchema, Fixture.noSchema))
struct JUnitSchemaValidatorTests {
    let validator: JUnitSchemaValidator

    init() throws {
        validator = try JUnitSchemaValidator(schema: try #require(Fixture.schemaURL))
    }

    static func scorecard(_ testsuite: String) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites>
              \(testsuite)
            </testsuites>
            """.utf8)
    }

    @Test func acceptsAMinimalScorecard() {
        let xml = Self.scorecard(#"<testsuite name="s" tests="1" failures="0" errors="0" time="0.5"><testcase name="c"/></testsuite>"#)
        #expect(validator.validate(xml) == [])
    }

    @Test func rejectsPropertiesInsideATestcase() {
        let xml = Self.scorecard("""
            <testsuite name="s" tests="1" failures="0" errors="0">
                <testcase name="c">
                  <properties><property name="model" value="m"/></properties>
                </testcase>
              </testsuite>
            """)
        let errors = validator.validate(xml)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("line 5: ") == true, "\(errors)")
        #expect(errors.first?.contains("properties") == true, "\(errors)")
    }

    @Test func rejectsATimeInExponentNotation() {
        let errors = validator.validate(
            Self.scorecard(#"<testsuite name="s" tests="0" failures="0" errors="0" time="1e-3"/>"#))
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.hasPrefix("line 3: ") }, "\(errors)")
        #expect(errors.contains { $0.contains("'time'") && $0.contains("1e-3") }, "\(errors)")
    }

    @Test func rejectsAMissingRequiredAttribute() {
        let errors = validator.validate(Self.scorecard(#"<testsuite name="s" failures="0" errors="0"/>"#))
        #expect(errors.contains { $0.contains("tests") }, "\(errors)")
    }

    @Test func rejectsATestcaseAttributeTheSchemaDoesNotDeclare() {
        let errors = validator.validate(Self.scorecard(
            #"<testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c" sample="2"/></testsuite>"#))
        #expect(errors.contains { $0.contains("sample") }, "\(errors)")
    }

    @Test func reportsMalformedXMLWithItsLine() {
        let errors = validator.validate(Data("<testsuites>\n<testsuite name=\"s\">\n</testsuites>\n".utf8))
        #expect(!errors.isEmpty)
        #expect(errors.contains { $0.hasPrefix("line 3: ") }, "\(errors)")
        #expect(!validator.validate(Data()).isEmpty)
    }

    @Test func canBeSharedByConcurrentTasks() async {
        let valid = Self.scorecard(#"<testsuite name="s" tests="0" failures="0" errors="0"/>"#)
        let invalid = Self.scorecard(#"<testsuite name="s" tests="0" failures="0" errors="0" time="x"/>"#)
        let validator = validator
        let outcomes = await withTaskGroup(of: (Bool, Int).self) { group in
            for index in 0..<32 {
                group.addTask { (index.isMultiple(of: 2), validator.validate(index.isMultiple(of: 2) ? valid : invalid).count) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 32)
        #expect(outcomes.allSatisfy { isValid, errorCount in isValid ? errorCount == 0 : errorCount > 0 })
    }
}

@Suite struct JUnitSchemaValidatorStandaloneTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-\(UUID().uuidString)")

    func write(_ text: String, as name: String) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func validatesAgainstAnySchemaFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = try write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="run">
                <xs:complexType><xs:attribute name="samples" type="xs:nonNegativeInteger" use="required"/></xs:complexType>
              </xs:element>
            </xs:schema>
            """, as: "run.xsd")
        let validator = try JUnitSchemaValidator(schema: schema)
        #expect(validator.validate(Data(#"<run samples="3"/>"#.utf8)) == [])
        let errors = validator.validate(Data("<?xml version=\"1.0\"?>\n<run samples=\"three\"/>".utf8))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("line 2: ") == true, "\(errors)")
        #expect(errors.first?.contains("three") == true, "\(errors)")
    }

    @Test func throwsForAMissingSchemaFile() {
        #expect(throws: ReportError.self) {
            try JUnitSchemaValidator(schema: URL(fileURLWithPath: "/nonexistent/junit-10.xsd"))
        }
    }

    @Test func throwsForAFileThatIsNotASchema() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let notSchema = try write("<testsuites/>", as: "not.xsd")
        let error = #expect(throws: ReportError.self) { try JUnitSchemaValidator(schema: notSchema) }
        #expect(error?.description.contains(notSchema.path) == true)
    }

    @Test func throwsForANonFileURL() throws {
        let url = try #require(URL(string: "https://example.com/junit-10.xsd"))
        #expect(throws: ReportError.self) { try JUnitSchemaValidator(schema: url) }
    }
}
