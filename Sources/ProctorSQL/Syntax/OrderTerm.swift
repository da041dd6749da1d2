/// One term of a top-level ORDER BY: its expression and how it compares text.
struct OrderTerm: Sendable {
    var expression: String
    /// The expression's tokens in the query's ``TokenizedSQL``.
    var tokens: Range<Int>
    var collation: KeyCollation
}
