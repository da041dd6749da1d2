import ProctorCore

/// Several models' responses in one run: each source in turn, every problem of every one reported together.
public struct MatrixResponseSource: ResponseSource, RepairSource {
    public var sources: [ModelResponseSource]

    public init(sources: [ModelResponseSource]) {
        self.sources = sources
    }

    public func samples(for suites: [Suite]) async throws -> SampleBatch {
        var batch = SampleBatch(samples: [])
        var diagnostics: [Diagnostic] = []
        for source in sources {
            do {
                let more = try await source.samples(for: suites)
                batch.samples += more.samples
                batch.warnings += more.warnings
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        batch.repairs = self
        return batch
    }

    /// The repair round of the model whose sample it is.
    public func answer(_ request: RepairRequest) async throws -> RepairAnswer {
        guard let source = sources.first(where: { $0.requests.model == request.sample.model }) else {
            return .unavailable("no model named \(request.sample.model ?? "unspecified") in this run")
        }
        return try await source.answer(request)
    }

    public func finish() async throws {
        for source in sources { try await source.finish() }
    }

    /// Requests the run would make, samples already recorded and (replaying) samples without a recording, over
    /// all models.
    public func plan(for suites: [Suite]) throws -> (requests: Int, recorded: Int, unrecorded: Int) {
        try sources.reduce((0, 0, 0)) { total, source in
            let plan = try source.plan(for: suites)
            return (total.0 + plan.requests, total.1 + plan.recorded, total.2 + plan.unrecorded)
        }
    }
}
