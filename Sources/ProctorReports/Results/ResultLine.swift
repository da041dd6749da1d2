import Foundation
import ProctorCore

/// One line of a results file: every writer and reader of results (run, merge, compare, baselines) goes through it.
///
/// Schema 2 adds `schema`, `details` and `position` to schema 1 (lines without `schema`), which is still read.
public struct ResultLine: Codable, Sendable, Hashable {
    /// The schema this Proctor writes.
    public static let currentSchema = 2

    public var schema: Int?
    public var runID: String?
    public var suite: String
    public var caseID: String
    public var sample: String
    public var model: String?
    public var modelVersion: String?
    public var variant: String?
    public var pattern: String
    public var verdict: Verdict.Outcome
    public var reason: String
    public var details: VerdictDetails?
    public var response: String
    public var extracted: String?
    public var log: String
    public var durationMS: Decimal?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var costUSD: Decimal?
    /// Wall time of the model call (the sum over a repair loop's rounds), when the answer was recorded from a model.
    public var latencyMS: Decimal?
    /// The case's pass@k (and pass^k) by k, when the case has several samples from the model.
    public var passAtK: [String: Decimal]?
    public var passAllK: [String: Decimal]?
    /// The sample's place in the run's full list of samples (before sharding): what orders a merged report.
    public var position: Int?
    /// Whether grading took 80 % or more of the case's time limit.
    public var nearLimit: Bool?
    /// How many samples the run's full list holds (before sharding): a merge needs every position below it.
    public var runSamples: Int?
    /// Every round of the repair loop, when the case allowed repair; the line's verdict is the last one's, its
    /// tokens and cost the sums.
    public var rounds: [RoundLine]?
    /// Why the repair loop stopped before its last round, when it did.
    public var repairStopped: String?

    /// One round of a repair loop.
    public struct RoundLine: Codable, Sendable, Hashable {
        public var round: Int
        public var verdict: Verdict.Outcome
        public var reason: String
        public var details: VerdictDetails?
        public var response: String
        public var extracted: String?
        public var promptTokens: Int?
        public var completionTokens: Int?
        public var costUSD: Decimal?
        public var latencyMS: Decimal?
        /// The feedback sent after this round's answer, when another round followed.
        public var feedback: String?

        enum CodingKeys: String, CodingKey {
            case round, verdict, reason, details, response, extracted, feedback
            case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", costUSD = "cost_usd"
            case latencyMS = "latency_ms"
        }

        /// Every key written, absent values as `null`, like the line's own.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(round, forKey: .round)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(reason, forKey: .reason)
            try container.encode(details, forKey: .details)
            try container.encode(response, forKey: .response)
            try container.encode(extracted, forKey: .extracted)
            try container.encode(feedback, forKey: .feedback)
            try container.encode(promptTokens, forKey: .promptTokens)
            try container.encode(completionTokens, forKey: .completionTokens)
            try container.encode(costUSD, forKey: .costUSD)
            try container.encode(latencyMS, forKey: .latencyMS)
        }

        init(_ round: GradedRound) {
            self.round = round.round
            verdict = round.verdict.outcome
            reason = round.verdict.reason
            details = round.verdict.details.isEmpty ? nil : round.verdict.details
            response = round.response
            extracted = round.verdict.extracted
            promptTokens = round.usage?.promptTokens
            completionTokens = round.usage?.completionTokens
            costUSD = round.usage?.cost.map { ResultLine.decimal($0, decimals: 10) }
            latencyMS = round.usage?.latencyMilliseconds.map { ResultLine.decimal($0, decimals: 3) }
            feedback = round.feedback
        }

        var graded: GradedRound {
            var usage: Usage?
            if let promptTokens, let completionTokens {
                usage = Usage(
                    promptTokens: promptTokens, completionTokens: completionTokens, cost: costUSD.map(ResultLine.double),
                    latencyMilliseconds: latencyMS.map(ResultLine.double))
            }
            return GradedRound(
                round: round, response: response,
                verdict: Verdict(verdict, reason, extracted: extracted, details: details ?? VerdictDetails()),
                usage: usage, feedback: feedback)
        }
    }

    enum CodingKeys: String, CodingKey {
        case schema, suite, sample, model, variant, pattern, verdict, reason, details, response, extracted, log, position
        case runID = "run_id", caseID = "case", modelVersion = "model_version", durationMS = "duration_ms"
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", costUSD = "cost_usd"
        case latencyMS = "latency_ms"
        case passAtK = "pass_at_k", passAllK = "pass_all_k", nearLimit = "near_limit", runSamples = "run_samples"
        case rounds
        case repairStopped = "repair_stopped"
    }

    /// The line of `result` in the run `runID`; `passAtK` and `passAllK` are its case's estimates.
    public init(_ result: GradedSample, runID: String, passAtK: [Int: Double]?, passAllK: [Int: Double]?) {
        let sample = result.sample
        schema = Self.currentSchema
        self.runID = runID
        suite = sample.suite
        caseID = sample.caseID
        self.sample = sample.sampleID
        model = sample.model
        modelVersion = sample.modelVersion
        variant = sample.variant
        pattern = result.pattern.rawValue
        verdict = result.verdict.outcome
        reason = result.verdict.reason
        details = result.verdict.details
        response = sample.response
        extracted = result.verdict.extracted
        log = result.verdict.log
        durationMS = Self.decimal(result.duration * 1000, decimals: 3)
        promptTokens = sample.usage?.promptTokens
        completionTokens = sample.usage?.completionTokens
        costUSD = sample.usage?.cost.map { Self.decimal($0, decimals: 10) }
        latencyMS = sample.usage?.latencyMilliseconds.map { Self.decimal($0, decimals: 3) }
        self.passAtK = passAtK.map(Self.byK)
        self.passAllK = passAllK.map(Self.byK)
        position = sample.position
        nearLimit = result.nearLimit
        runSamples = sample.runSamples
        rounds = result.rounds.isEmpty ? nil : result.rounds.map(RoundLine.init)
        repairStopped = result.repairStopped
    }

    /// The graded sample this line records; `origin` is where it was read.
    public func graded(origin: SourceLocation?) -> GradedSample {
        var usage: Usage?
        if let promptTokens, let completionTokens {
            usage = Usage(
                promptTokens: promptTokens, completionTokens: completionTokens, cost: costUSD.map(Self.double),
                latencyMilliseconds: latencyMS.map(Self.double))
        }
        var read = Sample(
            suite: suite, caseID: caseID, sampleID: sample, model: model, response: response, origin: origin, usage: usage,
            variant: variant)
        read.modelVersion = modelVersion
        read.position = position
        read.runSamples = runSamples
        let verdict = Verdict(self.verdict, reason, extracted: extracted, log: log, details: details ?? VerdictDetails())
        var graded = GradedSample(
            sample: read, pattern: Pattern(rawValue: pattern), verdict: verdict,
            duration: (durationMS.map(Self.double) ?? 0) / 1000)
        graded.nearLimit = nearLimit ?? false
        graded.rounds = rounds?.map(\.graded) ?? []
        graded.repairStopped = repairStopped
        return graded
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decodeIfPresent(Int.self, forKey: .schema)
        if let schema, schema > Self.currentSchema {
            throw DecodingError.dataCorruptedError(
                forKey: .schema, in: container,
                debugDescription: "results schema \(schema) is newer than this Proctor's (\(Self.currentSchema))")
        }
        runID = try container.decodeIfPresent(String.self, forKey: .runID)
        suite = try container.decode(String.self, forKey: .suite)
        caseID = try container.decode(String.self, forKey: .caseID)
        sample = try container.decode(String.self, forKey: .sample)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        modelVersion = try container.decodeIfPresent(String.self, forKey: .modelVersion)
        variant = try container.decodeIfPresent(String.self, forKey: .variant)
        pattern = try container.decode(String.self, forKey: .pattern)
        verdict = try container.decode(Verdict.Outcome.self, forKey: .verdict)
        reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
        details = try container.decodeIfPresent(VerdictDetails.self, forKey: .details)
        response = try container.decodeIfPresent(String.self, forKey: .response) ?? ""
        extracted = try container.decodeIfPresent(String.self, forKey: .extracted)
        log = try container.decodeIfPresent(String.self, forKey: .log) ?? ""
        durationMS = try container.decodeIfPresent(Decimal.self, forKey: .durationMS)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens)
        completionTokens = try container.decodeIfPresent(Int.self, forKey: .completionTokens)
        costUSD = try container.decodeIfPresent(Decimal.self, forKey: .costUSD)
        latencyMS = try container.decodeIfPresent(Decimal.self, forKey: .latencyMS)
        passAtK = try container.decodeIfPresent([String: Decimal].self, forKey: .passAtK)
        passAllK = try container.decodeIfPresent([String: Decimal].self, forKey: .passAllK)
        position = try container.decodeIfPresent(Int.self, forKey: .position)
        nearLimit = try container.decodeIfPresent(Bool.self, forKey: .nearLimit)
        runSamples = try container.decodeIfPresent(Int.self, forKey: .runSamples)
        rounds = try container.decodeIfPresent([RoundLine].self, forKey: .rounds)
        repairStopped = try container.decodeIfPresent(String.self, forKey: .repairStopped)
    }

    /// Every key written, absent values as `null`, so a line always has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(runID, forKey: .runID)
        try container.encode(suite, forKey: .suite)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(sample, forKey: .sample)
        try container.encode(model, forKey: .model)
        try container.encode(modelVersion, forKey: .modelVersion)
        try container.encode(variant, forKey: .variant)
        try container.encode(pattern, forKey: .pattern)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(reason, forKey: .reason)
        try container.encode(details, forKey: .details)
        try container.encode(response, forKey: .response)
        try container.encode(extracted, forKey: .extracted)
        try container.encode(log, forKey: .log)
        try container.encode(durationMS, forKey: .durationMS)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(costUSD, forKey: .costUSD)
        try container.encode(latencyMS, forKey: .latencyMS)
        try container.encode(passAtK, forKey: .passAtK)
        try container.encode(passAllK, forKey: .passAllK)
        try container.encode(position, forKey: .position)
        try container.encode(nearLimit, forKey: .nearLimit)
        try container.encode(runSamples, forKey: .runSamples)
        try container.encode(rounds, forKey: .rounds)
        try container.encode(repairStopped, forKey: .repairStopped)
    }

    /// The encoder every results file is written with: sorted keys, `/` as is, one line per object.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decimal(_ value: Double, decimals: Int) -> Decimal {
        Decimal(string: FixedPoint.format(value, decimals: decimals, trimmingZeros: true)) ?? 0
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }

    private static func byK(_ estimates: [Int: Double]) -> [String: Decimal] {
        Dictionary(uniqueKeysWithValues: estimates.map { (String($0.key), decimal($0.value, decimals: 6)) })
    }
}
