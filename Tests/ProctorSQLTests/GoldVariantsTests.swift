import Testing

@testable import ProctorSQL

/// The near variants of a gold query that neighbours are chosen to tell apart.
@Suite struct GoldVariantsTests {
    static func labels(_ sql: String) -> [String] {
        GoldVariants(QueryShape(sql)).all(limit: 50).map(\.label)
    }

    @Test func limitsDistinctConditionsOperatorsAndConstants() {
        let labels = Self.labels(
            "SELECT DISTINCT city FROM students WHERE grade >= 11 AND city <> 'Boston' ORDER BY city LIMIT 3")
        #expect(labels == [
            "`LIMIT 3` → `LIMIT 4`", "`LIMIT 3` → `LIMIT 2`", "DISTINCT dropped",
            "condition `grade >= 11` dropped", "condition `city <> 'Boston'` dropped",
            "`>=` → `>`", "`<>` → `=`", "`11` → `12`", "`11` → `10`",
        ])
    }

    @Test func droppedConditionsKeepTheRestOfTheQuery() {
        let variants = GoldVariants(QueryShape("SELECT name FROM students WHERE grade BETWEEN 10 AND 11 AND city = 'Boston'"))
            .all(limit: 50)
        let sql = variants.filter { $0.label.hasPrefix("condition") }.map(\.sql)
        #expect(sql == [
            "SELECT name FROM students WHERE  city = 'Boston'",
            "SELECT name FROM students WHERE grade BETWEEN 10 AND 11  ",
        ])
    }

    @Test func joinsNeverLoseTheirOnlyCondition() {
        let labels = Self.labels("SELECT s.name FROM students s JOIN teachers t ON t.id = s.advisor_id")
        #expect(labels.isEmpty)
    }
}
