/// One gate checked against a report: what it measured, its limit, whether it is met, and the line that says so.
public struct GateResult: Sendable, Hashable {
    /// What is gated: `overall pass rate`, `suite school pass rate`, `regressions against base.jsonl`.
    public var name: String
    /// The measured value: a pass rate from 0 to 1, or a number of regressions.
    public var measured: Double
    /// The least pass rate, or the most regressions, that meets the gate.
    public var limit: Double
    public var met: Bool
    /// One line for people, e.g. `gate met: overall pass rate 50.0% (8 of 16) ≥ 10.0%`.
    public var summary: String
    /// Lines that come before the summary (each regressed or flaky sample); text from the run, not yet made safe.
    public var notes: [String]

    public init(name: String, measured: Double, limit: Double, met: Bool, summary: String, notes: [String] = []) {
        self.name = name
        self.measured = measured
        self.limit = limit
        self.met = met
        self.summary = summary
        self.notes = notes
    }
}
