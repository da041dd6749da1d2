import Foundation
import ProctorCore

/// How a `sql` case is graded: the candidate query's result must match the gold query's on every database.
public struct SQLCheck: CaseCheck {
    /// SQLite scripts (schema + data) to build each database from; the first is the case's `database`.
    public var databases: [URL]
    /// The reference query.
    public var gold: String
    /// Whether row order is compared.
    public var order: OrderPolicy
    /// Relative tolerance for comparing REAL values.
    public var tolerance: Double
    /// Most rows a candidate may return before it is stopped.
    public var maxRows: Int
    /// Most neighbour databases derived from the first database; 0 turns them off.
    public var neighbours: Int

    public init(
        databases: [URL], gold: String, order: OrderPolicy = .auto, tolerance: Double = 1e-6,
        maxRows: Int = 100_000, neighbours: Int = SQLCheck.defaultNeighbours
    ) {
        self.databases = databases
        self.gold = gold
        self.order = order
        self.tolerance = tolerance
        self.maxRows = maxRows
        self.neighbours = neighbours
    }

    /// Neighbours of a case that sets no `neighbours`.
    public static let defaultNeighbours = 4

    /// Whether order is compared.
    public enum OrderPolicy: String, Sendable, Hashable, CaseIterable {
        /// Compare order exactly when the gold query has a top-level ORDER BY.
        case auto
        /// Always compare as bags of rows.
        case ignore
    }
}

extension SQLCheck {
    public var reference: [CaseReference] {
        [CaseReference("Gold query" + (order == .ignore ? " (rows compared in any order)" : ""), gold)]
    }
}
