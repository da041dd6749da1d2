import Foundation
import ProctorCore

/// The recording address of a repair round: the first turn's key, the earlier answers, the feedback template and the
/// round — not the feedback text, which can hold timings or addresses, so a replay finds the round exactly.
///
/// The case (suite and id) and what failed in each earlier round (outcome, kind, failing statement) are part of it
/// too: two cases with one prompt, or a case whose tests changed, give other feedback and so another conversation.
struct RepairKey: Encodable {
    var first: String
    var testCase: String
    var answers: [String]
    var failures: [String]
    var feedback: String
    var round: Int

    init(first: String, request: RepairRequest) {
        self.first = first
        testCase = "\(request.suite.name)/\(request.testCase.id)"
        answers = request.turns.map(\.answer)
        failures = request.turns.map(\.failure)
        feedback = request.template.text
        round = request.round
    }

    enum CodingKeys: String, CodingKey {
        case first, answers, failures, feedback, round
        case testCase = "case"
    }

    /// The SHA-256 of the canonical JSON (sorted keys).
    func hex() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex(String(decoding: try encoder.encode(self), as: UTF8.self))
    }
}
