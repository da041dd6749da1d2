import ProctorCore

/// Finds neighbours of a case's first database that tell its gold apart from the gold's variants.
///
/// Each candidate is the fixture with three seeded mutations (kinds taken in turn). A candidate is kept
/// when its rows (as a bag) tell the gold apart from a target no database or kept neighbour tells apart yet: a variant
/// that matches the gold on every database, the gold's own answer on the fixture written out as
/// constants, or (for a gold without LIMIT) any query returning as many rows as the gold does there. It is useless, and dropped, when the gold errors on it, or when the gold and every variant
/// return nothing there. The search ends when `count` are kept, no target is left, after
/// `2 × count + 2` candidates, or after ``patience`` candidates in a row that keep nothing.
struct NeighbourSearch {
    let gold: String
    let shape: QueryShape
    let references: [Reference]
    let check: SQLCheck
    let limits: ExecutionLimits
    let location: SourceLocation
    let count: Int
    let key: String

    private enum Target {
        case variant(GoldVariant)
        /// The gold's answer on the fixture, hard-coded.
        case answer
        /// As many rows as the gold returns on the fixture (a LIMIT that happens to stop where the gold's
        /// condition does); only for a gold without LIMIT returning several rows.
        case rowCount
    }

    private var comparator: ResultComparator { ResultComparator(comparer: ValueComparer(tolerance: check.tolerance)) }

    /// The plan and the references of the neighbours it keeps.
    func run() throws -> (plan: NeighbourPlan, neighbours: [Reference]) {
        guard let base = references.first else {
            return (NeighbourPlan(key: key, entries: [], variants: 0, toldByDatabases: 0, untold: []), [])
        }
        let variants = GoldVariants(shape).all()
        let variantLimits = self.variantLimits
        var alive: [GoldVariant] = []
        var toldByDatabases = 0
        for variant in variants {
            var survives = true
            var runs = true
            for reference in references {
                let connection = try Connection(cloning: reference.fixture, limits: variantLimits)
                guard case .success(let rows) = connection.run(variant.sql) else {
                    runs = false
                    break
                }
                if !matches(rows, reference) {
                    survives = false
                    break
                }
            }
            if !runs { continue }
            if survives { alive.append(variant) } else { toldByDatabases += 1 }
        }

        var targets: [Target] = alive.map(Target.variant) + [.answer]
        if !shape.hasLimit && base.result.rows.count > 1 { targets.append(.rowCount) }
        var remaining = Set(targets.indices)
        var entries: [NeighbourPlan.Entry] = []
        var kept: [Reference] = []
        var random = SeededGenerator(seed: UInt64(key.prefix(16), radix: 16) ?? 0)
        let first = try ScratchDatabase(copying: base.fixture)
        let maker = MutationMaker(shape, answer: base.result, in: first)
        let kinds = MutationMaker.Kind.allCases

        /// Rebuilds the candidate under its final name and keeps it, unless the gold fails there after all.
        func keep(_ mutations: [Mutation], telling told: Set<Int>) throws {
            let scratch = try ScratchDatabase(copying: base.fixture, schema: first.tables)
            guard mutations.allSatisfy(scratch.apply) else { return }
            let fixture = try scratch.snapshot(
                named: Self.name(kept.count + 1, of: base.fixture, mutations), url: base.fixture.url, digest: "")
            guard let reference = try? Reference(
                gold: gold, shape: shape, fixture: fixture, check: check, limits: limits, location: location)
            else { return }
            kept.append(reference)
            entries.append(NeighbourPlan.Entry(mutations: mutations, goldDigest: NeighbourPlan.digest(of: reference.result)))
            remaining.subtract(told)
        }

        // A candidate that only changes the gold's answer is held back while other targets remain: one that
        // tells those apart usually changes the answer too, and every neighbour kept costs each passing sample.
        let answer = targets.firstIndex { if case .answer = $0 { true } else { false } }
        var heldBack: [Mutation]?
        var useless = 0
        for attempt in 0..<(2 * count + 2) where kept.count < count && !remaining.isEmpty && useless < Self.patience {
            useless += 1
            let scratch = try ScratchDatabase(copying: base.fixture, schema: first.tables)
            var mutations: [Mutation] = []
            for step in 0..<3 {
                let kind = kinds[(attempt * 3 + step) % kinds.count]
                if let mutation = maker.make(kind, in: scratch, using: &random), scratch.apply(mutation) {
                    mutations.append(mutation)
                }
            }
            guard !mutations.isEmpty else { continue }
            // A first look compares bags (a different bag differs however rows are ordered); only a kept
            // candidate pays for the gold's full reference (tie layout, reversed scan).
            let fixture = try scratch.snapshot(named: "candidate", url: base.fixture.url, digest: "")
            let connection = try Connection(cloning: fixture, limits: variantLimits)
            guard case .success(let goldRows) = connection.run(gold) else { continue }
            var told: Set<Int> = []
            var allEmpty = goldRows.rows.isEmpty
            for index in remaining.sorted() {
                switch targets[index] {
                case .answer:
                    if !sameBag(goldRows, base.result) { told.insert(index) }
                case .rowCount:
                    if goldRows.rows.count != base.result.rows.count { told.insert(index) }
                case .variant(let variant):
                    switch connection.run(variant.sql) {
                    case .failure:
                        told.insert(index)
                    case .success(let rows):
                        if !rows.rows.isEmpty { allEmpty = false }
                        if !sameBag(rows, goldRows) { told.insert(index) }
                    }
                }
            }
            guard !allEmpty, !told.isEmpty else { continue }
            if let answer, told == [answer], remaining.count > 1 {
                if heldBack == nil { heldBack = mutations }
                continue
            }
            useless = 0
            try keep(mutations, telling: told)
        }
        if let answer, remaining.contains(answer), kept.count < count, let heldBack {
            try keep(heldBack, telling: [answer])
        }
        let untold = remaining.sorted().map { index in
            switch targets[index] {
            case .variant(let variant): variant.label
            case .answer: "the gold's answer on \(base.fixture.name) written out as constants"
            case .rowCount: "the gold's row count on \(base.fixture.name)"
            }
        }
        let plan = NeighbourPlan(
            key: key, entries: entries, variants: variants.count, toldByDatabases: toldByDatabases, untold: untold)
        return (plan, kept)
    }

    /// Candidates in a row that tell nothing apart before the search gives up.
    static let patience = 4

    /// What reasons call a neighbour: its number, its fixture and what was changed.
    static func name(_ number: Int, of fixture: Fixture, _ mutations: [Mutation]) -> String {
        "neighbour \(number) of \(fixture.name) (\(mutations.map(\.summary).joined(separator: "; ")))"
    }

    /// Variants run under a tighter clock and row cap than answers: a variant that runs away is not worth waiting for.
    private var variantLimits: ExecutionLimits {
        var variantLimits = limits
        variantLimits.timeout = min(limits.timeout, .milliseconds(500))
        let largest = references.map(\.result.rows.count).max() ?? 0
        variantLimits.maxRows = min(limits.maxRows, 10 * largest + 100)
        return variantLimits
    }

    /// Whether two results hold the same rows, in any order.
    private func sameBag(_ rows: ResultSet, _ other: ResultSet) -> Bool {
        if case .match = comparator.compare(rows, to: other, arrangement: .bag(other.rows.count)) { return true }
        return false
    }

    /// Whether `rows` match the gold's answer on `reference` as an answer would be compared.
    private func matches(_ rows: ResultSet, _ reference: Reference) -> Bool {
        if case .match = comparator.compare(rows, to: reference.result, arrangement: reference.arrangement) { return true }
        guard let reversed = reference.reversed else { return false }
        if case .match = comparator.compare(rows, to: reversed, arrangement: reference.arrangement) { return true }
        return false
    }
}
