import Foundation

/// Responses produced elsewhere (a batch job, another tool), read from a JSON Lines samples file.
///
/// The run expects every selected case × every (model, variant) group in the file × samples 1…n (n: the case's
/// `samples`, else 1); an expected sample the file does not answer comes back unanswered, graded "no response" —
/// unless `answeredOnly`, which leaves out the cases the file does not answer at all, and counts them.
public struct SamplesFileSource: ResponseSource {
    public var file: URL
    public var answeredOnly: Bool

    public init(file: URL, answeredOnly: Bool = false) {
        self.file = file
        self.answeredOnly = answeredOnly
    }

    public func samples(for suites: [Suite]) async throws -> SampleBatch {
        try await samples(for: suites, leavingOut: [])
    }

    public func samples(for suites: [Suite], leavingOut leftOut: Set<CaseKey>) async throws -> SampleBatch {
        let matcher = SampleMatcher(suites: suites, leftOut: leftOut)
        var batch = try matcher.match(try SampleRecord.read(file))
        guard !batch.samples.isEmpty else {
            throw BadInput(.error(
                "nothing to grade: the samples file answers no case of the selected suites (\(suites.map(\.name).joined(separator: ", ")))",
                at: SourceLocation(file: file.relativePath), hint: "check the file's \"suite\" and \"case\" fields, or the suites you run"))
        }
        let extra = matcher.beyondDeclared(batch.samples)
        if !extra.isEmpty { throw BadInput(extra) }
        let answered = Set(batch.samples.map(\.key))
        let expected = matcher.expected(by: batch.samples)
        // A case answered under other sample ids ("0", "gen-7") counts those answers: only as many samples as it
        // still lacks are missing.
        var answers = Dictionary(batch.samples.map { (CaseSamples($0), 1) }, uniquingKeysWith: +)
        let wanted = Dictionary(expected.map { (CaseSamples($0), 1) }, uniquingKeysWith: +)
        var missing = expected.filter { sample in
            guard !answered.contains(sample.key) else { return false }
            let group = CaseSamples(sample)
            guard answers[group, default: 0] < wanted[group, default: 0] else { return false }
            answers[group, default: 0] += 1
            return true
        }
        if answeredOnly {
            let cases = Set(answered.map(\.caseKey))
            let kept = missing.filter { cases.contains($0.key.caseKey) }
            batch.leftOut = missing.count - kept.count
            missing = kept
        }
        if !missing.isEmpty {
            let names = missing.prefix(5).map { $0.key.label() }.joined(separator: ", ")
            let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
            batch.warnings.append(.warning(
                "\(missing.count) expected sample(s) have no response and count as errors: \(names)\(more)",
                at: SourceLocation(file: file.relativePath),
                hint: answeredOnly ? nil : "grade only the answered cases with --answered-only"))
            batch.samples += missing
        }
        // In the order the run expects them (group, then sample number); samples it does not expect follow.
        let rank = Dictionary(expected.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        batch.samples = batch.samples.enumerated()
            .sorted { (rank[$0.element.key] ?? expected.count + $0.offset) < (rank[$1.element.key] ?? expected.count + $1.offset) }
            .map(\.element)
        return batch
    }
}
