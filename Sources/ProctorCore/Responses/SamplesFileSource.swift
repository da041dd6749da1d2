import Foundation

/// Responses produced elsewhere (a batch job, another tool), read from a JSON Lines samples file.
public struct SamplesFileSource: ResponseSource {
    public var file: URL

    public init(file: URL) {
        self.file = file
    }

    public func samples(for suites: [Suite]) async throws -> SampleBatch {
        let matcher = SampleMatcher(suites: suites)
        var batch = try matcher.match(try SampleRecord.read(file))
        let missing = matcher.unanswered(by: batch.samples)
        if !missing.isEmpty {
            let names = missing.prefix(5).map { "\($0.suite.name)/\($0.testCase.id)" }.joined(separator: ", ")
            let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
            batch.warnings.append(.warning(
                "\(missing.count) case(s) have no sample and are not graded: \(names)\(more)",
                at: SourceLocation(file: file.relativePath)))
        }
        return batch
    }
}
