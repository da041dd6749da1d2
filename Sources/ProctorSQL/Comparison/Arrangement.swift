/// How a reference result's rows must line up with a candidate's.
///
/// Unordered: one bag. Ordered: position by position, except that each group of rows tied on the
/// reference's sort keys is a bag of its own. A group cut by LIMIT/OFFSET may be filled from its pool.
struct Arrangement: Sendable {
    var ordered: Bool
    var groups: [Range<Int>]
    var pools: [Int: [[SQLValue]]]

    init(_ layout: TieLayout, ordered: Bool) {
        self.ordered = ordered
        groups = layout.groups
        pools = layout.pools
    }

    private init(ordered: Bool, groups: [Range<Int>]) {
        self.ordered = ordered
        self.groups = groups
        pools = [:]
    }

    /// All rows as one bag.
    static func bag(_ count: Int) -> Arrangement {
        Arrangement(ordered: false, groups: count == 0 ? [] : [0..<count])
    }

    /// Every position on its own: the order must be exactly the reference's.
    static func strict(_ count: Int) -> Arrangement {
        Arrangement(ordered: true, groups: (0..<count).map { $0..<$0 + 1 })
    }

    /// The group holding `position`.
    func group(containing position: Int) -> Int? {
        groups.firstIndex { $0.contains(position) }
    }

    /// Positions whose reference rows are fixed (not in a cut group).
    var fixedPositions: [Int] {
        groups.indices.filter { pools[$0] == nil }.flatMap { Array(groups[$0]) }
    }

    /// Every row of every cut group's pool.
    var pooledRows: [[SQLValue]] {
        pools.keys.sorted().flatMap { pools[$0] ?? [] }
    }

    /// A phrase for the log saying how order is compared.
    var summary: String {
        let ties = groups.filter { $0.count > 1 }.count
        var text =
            if !ordered { "rows compared as a bag (order ignored)" }
            else if ties == 0 { "rows compared in order" }
            else { "rows compared in order; \(ties) group(s) tied on the ORDER BY keys compared as bags" }
        for (index, pool) in pools.sorted(by: { $0.key < $1.key }) {
            text += "; LIMIT/OFFSET cuts a tie: any \(groups[index].count) of \(pool.count) tied rows accepted"
        }
        return text
    }
}
