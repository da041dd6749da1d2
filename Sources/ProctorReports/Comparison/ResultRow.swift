import Foundation
import ProctorCore

/// One line of a results file, as `proctor compare` reads it.
public struct ResultRow: Sendable, Hashable {
    public var suite: String
    public var caseID: String
    public var sample: String
    public var pattern: String
    public var model: String?
    public var variant: String?
    public var verdict: Verdict.Outcome
    public var reason: String

    /// The rows of a results file; throws `BadInput` naming file and line of every line it cannot read.
    public static func read(_ url: URL, displayPath: String) throws -> [ResultRow] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BadInput(.error("cannot read results file: \(error.localizedDescription)", at: SourceLocation(file: displayPath)))
        }
        var rows: [ResultRow] = []
        var diagnostics: [Diagnostic] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
            let location = SourceLocation(file: displayPath, line: index + 1)
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let suite = object["suite"] as? String, let caseID = object["case"] as? String,
                let sample = object["sample"] as? String, let pattern = object["pattern"] as? String,
                let verdict = (object["verdict"] as? String).flatMap(Verdict.Outcome.init(rawValue:))
            else {
                diagnostics.append(.error(
                    "not a results line (suite, case, sample, pattern, verdict)", at: location,
                    hint: "compare reads the results files that `proctor run --results` writes"))
                if diagnostics.count >= 20 { break }
                continue
            }
            rows.append(ResultRow(
                suite: suite, caseID: caseID, sample: sample, pattern: pattern, model: object["model"] as? String,
                variant: object["variant"] as? String, verdict: verdict, reason: object["reason"] as? String ?? ""))
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        if rows.isEmpty { throw BadInput(.error("the results file is empty", at: SourceLocation(file: displayPath))) }
        return rows
    }

    /// `model` and `variant` as one label: `gpt-4o`, `gpt-4o, python-only`, or `unspecified`.
    public var group: String {
        ([model ?? "unspecified"] + (variant.map { [$0] } ?? [])).joined(separator: ", ")
    }
}
