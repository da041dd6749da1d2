/// One model response to one case, to be graded.
public struct Sample: Sendable, Hashable {
    public var suite: String
    public var caseID: String
    /// Distinguishes several samples of one case ("1", "2", ... when the source names none).
    public var sampleID: String
    /// A label for the model that produced the response.
    public var model: String?
    /// The suite variant (named system prompt) the response answered, if any.
    public var variant: String?
    /// The model version the server said answered, when the response was recorded from a model.
    public var modelVersion: String?
    /// The raw model text.
    public var response: String
    /// Where the sample was read from, if from a file.
    public var origin: SourceLocation?
    /// Tokens and cost of the request that produced the response, when it was asked of a model.
    public var usage: Usage?
    /// The sample's place in the run's full list of samples, before sharding: what orders a report.
    public var position: Int?
    /// How many samples the run's full list holds, before sharding: what tells a merge that a shard is missing.
    public var runSamples: Int?
    /// False for a sample the run expects but has no response for: graded as an `error`, "no response".
    public var answered = true

    public init(
        suite: String, caseID: String, sampleID: String, model: String? = nil, response: String,
        origin: SourceLocation? = nil, usage: Usage? = nil, variant: String? = nil
    ) {
        self.suite = suite
        self.caseID = caseID
        self.sampleID = sampleID
        self.model = model
        self.response = response
        self.origin = origin
        self.usage = usage
        self.variant = variant
    }
}
