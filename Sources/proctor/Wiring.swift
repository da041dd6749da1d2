import ProctorCore
import ProctorSQL

/// The graders Proctor ships, by pattern.
enum Wiring {
    static func graders() -> [Pattern: any Grader] {
        [.sql: SQLGrader(), .explain: ExplainGrader()]
    }
}
