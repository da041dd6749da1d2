/// The answers of repair rounds read from lines with a `round` (2 and up), produced elsewhere.
///
/// A round without a line stops that sample's loop at its last graded round, and the report counts it: a missing
/// answer can only lower the final pass rate, never raise it.
public struct RecordedRounds: RepairSource {
    private var answers: [SampleKey: [Int: SampleRecord]] = [:]

    /// Indexes `later` by sample and round; a round whose sample has no first answer, a repeated round or a gap
    /// before a round is recorded in `diagnostics`.
    init(_ later: [(record: SampleRecord, key: SampleKey)], firstRounds: [SampleKey: SourceLocation],
         diagnostics: inout [Diagnostic]) {
        for (record, key) in later {
            guard firstRounds[key] != nil else {
                diagnostics.append(.error(
                    "round \(record.round) of \(key.label()) has no first answer", at: record.origin,
                    hint: "add the line of round 1 (no \"round\", or \"round\": 1) with the same case, sample, model and variant"))
                continue
            }
            if let earlier = answers[key]?[record.round] {
                diagnostics.append(.error(
                    "duplicate round \(record.round) of \(key.label()) (also on line \(earlier.origin.line ?? 0))",
                    at: record.origin,
                    hint: "a round line without \"sample\" answers sample 1: name the sample on the round lines of a case with several"))
                continue
            }
            answers[key, default: [:]][record.round] = record
        }
        for (key, rounds) in answers {
            for round in rounds.keys.sorted() where round > 2 && rounds[round - 1] == nil {
                if let record = rounds[round] {
                    diagnostics.append(.error("round \(round) of \(key.label()) follows no round \(round - 1)", at: record.origin))
                }
            }
        }
    }

    /// Whether any line gave a later round.
    public var isEmpty: Bool { answers.isEmpty }

    /// Every later-round line: its sample, round and place.
    public var lines: [(sample: SampleKey, round: Int, origin: SourceLocation)] {
        answers.flatMap { key, rounds in rounds.map { (key, $0.key, $0.value.origin) } }
            .sorted { ($0.origin.file, $0.origin.line ?? 0) < ($1.origin.file, $1.origin.line ?? 0) }
    }

    public func answer(_ request: RepairRequest) async throws -> RepairAnswer {
        guard !answers.isEmpty else { return .unavailable("the responses have no lines with a \"round\"") }
        guard let record = answers[request.sample.key]?[request.round] else {
            return .unavailable("no answer recorded for round \(request.round)")
        }
        if let earlier = record.earlierAnswers, earlier != request.turns.map(\.answer) {
            return .unavailable("the recorded round \(request.round) continues another conversation (its earlier answers differ)")
        }
        return .answered(response: record.response, usage: nil, origin: record.origin, modelVersion: nil)
    }
}
