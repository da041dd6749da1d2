import Foundation
import ProctorCore

/// The recording address of a repair round: the first turn's key, the earlier answers, the feedback template and the
/// round — not the feedback text, which can hold timings or addresses, so a replay finds the round exactly.
struct RepairKey: Encodable {
    var first: String
    var answers: [String]
    var feedback: String
    var round: Int

    init(first: String, request: RepairRequest) {
        self.first = first
        answers = request.turns.map(\.answer)
        feedback = request.template.text
        round = request.round
    }

    /// The SHA-256 of the canonical JSON (sorted keys).
    func hex() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex(String(decoding: try encoder.encode(self), as: UTF8.self))
    }
}
