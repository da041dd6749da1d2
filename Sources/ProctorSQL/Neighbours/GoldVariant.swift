/// A small edit of the gold query that a wrong answer might make: neighbours are chosen to tell these apart.
struct GoldVariant: Sendable, Hashable {
    /// The edit, as validate reports it: `` `>` → `>=` ``, `DISTINCT dropped`.
    var label: String
    var sql: String
}
