import Testing

@testable import ProctorSQL

/// Finding the query's own ORDER BY and LIMIT among subqueries, windows, strings, quoted names and comments.
@Suite struct QueryShapeTests {
    @Test(arguments: [
        "SELECT a FROM (SELECT a FROM t ORDER BY a) x",
        "SELECT a, rank() OVER (ORDER BY b) FROM t",
        "SELECT a, rank() OVER w FROM t WINDOW w AS (ORDER BY b)",
        "SELECT 'ORDER BY a' FROM t",
        "SELECT \"order by\", [ORDER BY], `ORDER BY` FROM t",
        "-- ORDER BY a\nSELECT a FROM t",
        "SELECT a FROM t /* ORDER BY a */",
        "WITH c AS (SELECT a FROM t ORDER BY a LIMIT 3) SELECT a FROM c",
        "SELECT a FROM t WHERE a IN (SELECT b FROM u ORDER BY b LIMIT 1)",
    ])
    func notOrdered(_ sql: String) {
        let shape = QueryShape(sql)
        #expect(!shape.isOrdered)
        #expect(!shape.hasLimit)
    }

    @Test func termsCollationsAndOffset() {
        let shape = QueryShape("SELECT a, b FROM t ORDER BY a DESC NULLS LAST, b COLLATE NOCASE ASC, f(a, b) LIMIT 5 OFFSET 2;")
        #expect(shape.orderTerms.map(\.expression) == ["a", "b", "f(a, b)"])
        #expect(shape.orderTerms.map(\.collation) == [.binary, .nocase, .binary])
        #expect(shape.hasLimit)
        #expect(shape.offset == "2")
    }

    @Test func commaFormOfLimitPutsTheOffsetFirst() {
        #expect(QueryShape("SELECT a FROM t ORDER BY a LIMIT 3, 10").offset == "3")
        #expect(QueryShape("SELECT a FROM t ORDER BY a LIMIT 10").offset == nil)
    }

    @Test func compoundSelect() {
        let shape = QueryShape("SELECT a FROM x UNION SELECT b FROM y ORDER BY 1")
        #expect(shape.isCompound)
        #expect(shape.isOrdered)
        #expect(shape.selectListEnd == nil)
    }

    @Test func withClauseThenOrderedSelect() {
        let shape = QueryShape("WITH c(x) AS (SELECT 1) SELECT x AS y FROM c ORDER BY y")
        #expect(shape.orderTerms.map(\.expression) == ["y"])
        #expect(shape.aliases["y"] == "x")
    }

    @Test func keyedQueryAppendsKeysAndDropsLimit() throws {
        let shape = QueryShape("SELECT name AS n, grade FROM students ORDER BY n, grade * 2 DESC LIMIT 2")
        let keyed = try #require(KeyedQuery(shape, columns: ["n", "grade"], substitutingAliases: false))
        #expect(keyed.sql == "SELECT name AS n, grade  , grade * 2 FROM students ORDER BY n, grade * 2 DESC ")
        #expect(keyed.keyColumns == [0, 2])
    }

    @Test func aliasesInsideKeyExpressionsAreSubstituted() throws {
        let shape = QueryShape("SELECT grade * 10 AS points FROM students ORDER BY points / 20")
        let keyed = try #require(KeyedQuery(shape, columns: ["points"], substitutingAliases: true))
        #expect(keyed.sql.contains(", (grade * 10) / 20 FROM"))
    }

    @Test func tokenizerKeepsStringsAndIdentifiersWhole() {
        let sql = TokenizedSQL("SELECT 'it''s', \"a \"\"b\"\"\", x'00', :p, 1.5e-3 -- c\n/* d */ FROM t")
        let kinds = sql.tokens.map(\.kind)
        #expect(kinds == [.word, .string, .punctuation, .quotedIdentifier, .punctuation, .blob, .punctuation, .parameter,
                          .punctuation, .number, .word, .word])
        #expect(sql.identifier(3) == "a \"b\"")
    }
}
