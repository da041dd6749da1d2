import Foundation
import Testing

/// Every recorded response of the shipped Python suites gets the verdict it was written to get.
@Suite struct ShippedPythonSuitesTests {
    static let expected: [String: String] = [
        "python-completion/count-vowels#1": "pass",
        "python-completion/count-vowels#2": "fail",
        "python-completion/count-vowels#3": "error",
        "python-completion/dedupe-ordered#1": "pass",
        "python-completion/dedupe-ordered#2": "fail",
        "python-completion/fibonacci#1": "pass",
        "python-completion/fibonacci#2": "fail",
        "python-completion/fibonacci#3": "error",
        "python-completion/flatten-nested#1": "pass",
        "python-completion/flatten-nested#2": "fail",
        "python-completion/flatten-nested#3": "pass",
        "python-completion/is-palindrome#1": "pass",
        "python-completion/is-palindrome#2": "fail",
        "python-completion/is-palindrome#3": "error",
        "python-completion/multiply-add-75#1": "pass",
        "python-completion/multiply-add-75#2": "pass",
        "python-completion/multiply-add-75#3": "fail",
        "python-completion/multiply-add-75#4": "pass",
        "python-completion/parse-pairs#1": "pass",
        "python-completion/parse-pairs#2": "fail",
        "python-completion/parse-pairs#3": "error",
        "python-completion/running-mean#1": "pass",
        "python-completion/running-mean#2": "fail",
        "python-completion/running-mean#3": "fail",
        "python-programs/csv-totals#1": "pass",
        "python-programs/csv-totals#2": "fail",
        "python-programs/csv-totals#3": "fail",
        "python-programs/csv-totals#4": "error",
        "python-programs/fizzbuzz#1": "pass",
        "python-programs/fizzbuzz#2": "fail",
        "python-programs/fizzbuzz#3": "error",
        "python-programs/greet-user#1": "pass",
        "python-programs/greet-user#2": "pass",
        "python-programs/greet-user#3": "fail",
        "python-programs/greet-user#4": "error",
        "python-programs/hanoi-moves#1": "pass",
        "python-programs/hanoi-moves#2": "fail",
        "python-programs/hanoi-moves#3": "error",
        "python-programs/movies-json#1": "fail",
        "python-programs/movies-json#2": "pass",
        "python-programs/movies-json#3": "pass",
        "python-programs/movies-json#4": "error",
        "python-programs/reverse-lines#1": "pass",
        "python-programs/reverse-lines#2": "fail",
        "python-programs/reverse-lines#3": "error",
        "python-programs/stack-class#1": "pass",
        "python-programs/stack-class#2": "fail",
        "python-programs/stack-class#3": "pass",
        "python-programs/stack-class#4": "fail",
        "python-programs/word-frequency#1": "pass",
        "python-programs/word-frequency#2": "fail",
        "python-programs/word-frequency#3": "error",
    ]

    @Test func everyRecordingGetsItsIntendedVerdict() throws {
        let out = try ProctorCLI.temporaryDirectory()
        let results = out.appendingPathComponent("results.jsonl")
        let output = try ProctorCLI.run([
            "run", "suites/python-programs.yaml", "suites/python-completion.yaml", "--results", results.path,
            "--junit", out.appendingPathComponent("junit.xml").path, "--quiet",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        var actual: [String: String] = [:]
        for line in try String(contentsOf: results, encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard object["variant"] is NSNull else { continue }
            let key = "\(object["suite"] ?? "")/\(object["case"] ?? "")#\(object["sample"] ?? "")"
            actual[key] = "\(object["verdict"] ?? "")"
        }
        #expect(actual.count == Self.expected.count)
        for (key, verdict) in Self.expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[key] == verdict, "\(key)")
        }
    }
}
