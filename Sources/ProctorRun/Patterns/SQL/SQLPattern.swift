import ProctorCore
import ProctorSQL
import ProctorSuites

extension Pattern {
    /// A question and a schema; the response is a query, run on the case's databases and compared with the gold's.
    public static let sql = Pattern("sql")
}

/// The `sql` pattern: `database`/`databases`, `gold`, `order`, `tolerance`, `max_rows`, `neighbours`.
struct SQLPattern: PatternDefinition {
    var pattern: Pattern { .sql }
    var caseKeys: Set<String> { ["database", "databases", "gold", "order", "tolerance", "max_rows", "neighbours"] }
    var defaultKeys: Set<String> { ["order", "tolerance", "max_rows", "neighbours"] }
    var defaultTimeout: Duration { .seconds(2) }

    func check(from fields: inout CaseFields) -> (any CaseCheck)? {
        let databases = fields.files("database") + fields.files("databases", list: true)
        if !fields.has("database") && !fields.has("databases") {
            fields.error("sql case '\(fields.id)' has no `database`",
                         hint: "name the SQLite script (schema + data), relative to the suite file")
        }
        let order: SQLCheck.OrderPolicy = fields.choice("order") ?? .auto
        let tolerance = fields.number(
            "tolerance", in: 0..<1, hint: "a relative tolerance such as 1e-6, from 0 up to 1") ?? 1e-6
        let maxRows = fields.positiveInt("max_rows") ?? 100_000
        let neighbours = self.neighbours(&fields)
        guard fields.has("gold") else {
            fields.error("sql case '\(fields.id)' has no `gold` query",
                         hint: "add the reference query; the response is compared with its result")
            return nil
        }
        guard let gold = fields.string("gold") else { return nil }
        if gold.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            fields.error("`gold` is empty", at: "gold")
            return nil
        }
        guard !databases.isEmpty else { return nil }
        return SQLCheck(databases: databases, gold: gold, order: order, tolerance: tolerance, maxRows: maxRows,
            neighbours: neighbours)
    }

    /// `neighbours: off`, or how many at most (up to 16); the default when absent or wrong.
    private func neighbours(_ fields: inout CaseFields) -> Int {
        guard fields.has("neighbours"), let text = fields.scalar("neighbours") else { return SQLCheck.defaultNeighbours }
        if text == "off" { return 0 }
        guard let count = Int(text), (1...16).contains(count) else {
            fields.error("invalid `neighbours` '\(text)'", at: "neighbours",
                         hint: "`off`, or how many neighbour databases at most, from 1 to 16")
            return SQLCheck.defaultNeighbours
        }
        return count
    }

    func references(of testCase: Case) -> [String] {
        (testCase.check as? SQLCheck).map { [$0.gold] } ?? []
    }

    func grader(in context: GraderContext) throws -> any Grader {
        SQLGrader(neighbourCache: context.neighbourCache.map(NeighbourCache.init(directory:)))
    }
}
