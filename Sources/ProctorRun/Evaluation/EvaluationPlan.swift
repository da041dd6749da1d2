import Foundation
import ProctorCore

/// Everything a run needs: the suites, where the responses come from, what to grade, gates and reports.
public struct EvaluationPlan: Sendable {
    /// Suite files or folders.
    public var suitePaths: [String]
    /// Which of the loaded cases to grade; empty grades every one.
    public var selection: CaseSelection
    /// The responses to grade.
    public var source: any ResponseSource
    /// Samples graded at once, and warm Python workers kept.
    public var jobs: Int
    /// Grade only this slice of the samples; a shard checks no gates (`proctor merge` does, on the whole run).
    public var shard: Shard?
    /// Gates besides the suites' own `min_pass_rate` (added by the run).
    public var gates: Gates
    public var reports: ReportPaths
    /// Repair rounds for every case that runs code, instead of each case's `repair:` (0 turns repair off).
    public var repairRounds: Int?
    /// The judge of explain cases with `judge:` criteria; a run with such cases needs one, or `judgeOff`.
    public var judge: (any Judge)?
    /// Decide judged cases by their other checks alone (`--no-judge`), and say so.
    public var judgeOff = false
    /// What a run with judged cases and no judge is told to do (the caller knows where judges are recorded).
    public var judgeMissingHint: String?
    /// The judges' measured agreement (`fixtures/judge/calibration.json`).
    public var calibrations = JudgeCalibrations()

    public init(
        suitePaths: [String], source: any ResponseSource, jobs: Int, shard: Shard? = nil, gates: Gates = Gates(),
        reports: ReportPaths, repairRounds: Int? = nil, selection: CaseSelection = CaseSelection()
    ) {
        self.selection = selection
        self.repairRounds = repairRounds
        self.suitePaths = suitePaths
        self.source = source
        self.jobs = jobs
        self.shard = shard
        self.gates = gates
        self.reports = reports
    }
}

/// What a run produced: its report, the gates checked against it, the files written.
public struct EvaluationOutcome: Sendable {
    public var report: RunReport
    public var gates: [GateResult]
    /// The report files written, in order.
    public var written: [String]

    /// Whether every gate is met.
    public var gatesMet: Bool { gates.allSatisfy(\.met) }
}
