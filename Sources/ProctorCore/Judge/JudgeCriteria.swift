/// What a model judge checks in an explanation: criteria that must all be met, a reference explanation, and the
/// agreement with people below which the judge only advises.
public struct JudgeCriteria: Sendable, Hashable {
    public var criteria: [String]
    /// A model explanation the judge may compare with.
    public var reference: String?
    /// The least Cohen's kappa the judge must have measured against labels (`proctor calibrate`) to decide; below it,
    /// or never calibrated, the judge is advisory.
    public var minKappa: Double?

    public init(criteria: [String], reference: String? = nil, minKappa: Double? = nil) {
        self.criteria = criteria
        self.reference = reference
        self.minKappa = minKappa
    }
}
