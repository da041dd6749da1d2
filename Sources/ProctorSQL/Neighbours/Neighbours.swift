import Foundation
import ProctorCore

/// The neighbour databases of one `sql` case, and what validate says about them.
///
/// Built from the plan in the cache when it replays exactly (every mutation applies, the gold's answer on
/// each neighbour has the recorded digest); otherwise searched for again and the cache rewritten.
struct Neighbours: Sendable {
    var references: [Reference]
    var note: String

    static func prepare(
        gold: String, shape: QueryShape, references: [Reference], check: SQLCheck, limits: ExecutionLimits,
        location: SourceLocation, cache: NeighbourCache?
    ) throws -> Neighbours {
        guard check.neighbours > 0, let base = references.first else {
            return Neighbours(references: [], note: "neighbours: off")
        }
        let key = Self.key(gold: gold, references: references, check: check)
        if let plan = cache?.load(key),
            let replayed = replay(plan, base: base.fixture, gold: gold, shape: shape, check: check, limits: limits, location: location)
        {
            return Neighbours(references: replayed, note: note(plan))
        }
        let search = NeighbourSearch(
            gold: gold, shape: shape, references: references, check: check, limits: limits, location: location,
            count: check.neighbours, key: key)
        let (plan, neighbours) = try search.run()
        cache?.store(plan)
        return Neighbours(references: neighbours, note: note(plan))
    }

    /// The content a plan depends on: every database, the gold, and the settings that change comparisons.
    static func key(gold: String, references: [Reference], check: SQLCheck) -> String {
        let parts = ["proctor-neighbours-v\(NeighbourPlan.version)"] + references.map(\.fixture.digest) + [
            gold, String(check.neighbours), check.order.rawValue, check.tolerance.bitPattern.description,
            String(check.maxRows),
        ]
        return SHA256.hex(parts.joined(separator: "\u{0}"))
    }

    private static func replay(
        _ plan: NeighbourPlan, base: Fixture, gold: String, shape: QueryShape, check: SQLCheck,
        limits: ExecutionLimits, location: SourceLocation
    ) -> [Reference]? {
        var neighbours: [Reference] = []
        for (index, entry) in plan.entries.enumerated() {
            guard let scratch = try? ScratchDatabase(copying: base), entry.mutations.allSatisfy(scratch.apply),
                let fixture = try? scratch.snapshot(
                    named: NeighbourSearch.name(index + 1, of: base, entry.mutations), url: base.url, digest: ""),
                let reference = try? Reference(
                    gold: gold, shape: shape, fixture: fixture, check: check, limits: limits, location: location),
                NeighbourPlan.digest(of: reference.result) == entry.goldDigest
            else { return nil }
            neighbours.append(reference)
        }
        return neighbours
    }

    private static func note(_ plan: NeighbourPlan) -> String {
        var text = "neighbours: \(plan.entries.count)"
        text += "; gold variants: \(plan.variants), \(plan.toldByDatabases) told apart by the case's databases"
        if plan.untold.isEmpty {
            text += ", every other one by a neighbour"
        } else {
            text += "; told apart by none: " + plan.untold.joined(separator: ", ")
        }
        return text
    }
}
