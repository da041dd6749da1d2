/// Decides whether a candidate's result matches a reference result, and says why not in one line.
///
/// Column order and names do not matter (a permutation of the candidate's columns is searched, guided by
/// which columns hold the same values), column count and row count do. Rows compare as bags or in the
/// reference's order, as its ``Arrangement`` says.
struct ResultComparator: Sendable {
    let comparer: ValueComparer

    enum Outcome {
        /// `permutation[i]` is the candidate column matching reference column `i`.
        case match(permutation: [Int], roundedTo: Int?)
        case mismatch(String)
    }

    /// Full permutations tried before giving up.
    private static let permutationLimit = 720

    func compare(_ candidate: ResultSet, to reference: ResultSet, arrangement: Arrangement) -> Outcome {
        let width = reference.columns.count
        guard candidate.columns.count == width else {
            return .mismatch("column count \(candidate.columns.count) vs expected \(width)")
        }
        guard candidate.rows.count == reference.rows.count else {
            return .mismatch("row count \(candidate.rows.count) vs expected \(reference.rows.count)")
        }

        var tried: Set<[Int]> = []
        var best: (attempt: Attempt, permutation: [Int])?
        func consider(_ permutation: [Int]) -> Bool {
            guard tried.insert(permutation).inserted else { return false }
            let attempt = self.attempt(permutation, candidate, reference, arrangement)
            if best.map({ attempt.rank < $0.attempt.rank }) ?? true { best = (attempt, permutation) }
            if case .match = attempt { return true }
            return false
        }
        func outcome() -> Outcome {
            switch best {
            case let (.match(rounded), permutation)?: .match(permutation: permutation, roundedTo: rounded)
            case let (.wrongOrder(reason), _)?: .mismatch(reason)
            case let (.differ(_, _, reason), _)?: .mismatch(reason)
            case nil: .mismatch("no match")
            }
        }

        if consider(Array(0..<width)) || width == 1 { return outcome() }
        if let byName = namePermutation(candidate.columns, reference.columns), consider(byName) { return outcome() }

        let referenceRows =
            arrangement.pools.isEmpty
            ? reference.rows : arrangement.fixedPositions.map { reference.rows[$0] } + arrangement.pooledRows
        var compatible = [[Bool]](repeating: [Bool](repeating: false, count: width), count: width)
        var overlap = [[Int]](repeating: [Int](repeating: 0, count: width), count: width)
        for r in 0..<width {
            for c in 0..<width {
                let single = RowMatcher(comparer: comparer, columns: [(r, c)])
                    .match(reference: referenceRows, candidate: candidate.rows)
                compatible[r][c] = single.coversCandidate
                overlap[r][c] = single.pairs.count
            }
        }

        var assignment = [Int](repeating: 0, count: width)
        var used = [Bool](repeating: false, count: width)
        var leaves = 0
        func place(_ r: Int) -> Bool {
            if r == width {
                leaves += 1
                return consider(assignment)
            }
            for c in 0..<width where compatible[r][c] && !used[c] && leaves < Self.permutationLimit {
                assignment[r] = c
                used[c] = true
                if place(r + 1) { return true }
                used[c] = false
            }
            return false
        }
        if place(0) { return outcome() }

        var greedy = [Int?](repeating: nil, count: width)
        var taken = [Bool](repeating: false, count: width)
        let pairs = (0..<width).flatMap { r in (0..<width).map { c in (r, c) } }
            .sorted { overlap[$0.0][$0.1] > overlap[$1.0][$1.1] }
        for (r, c) in pairs where greedy[r] == nil && !taken[c] {
            greedy[r] = c
            taken[c] = true
        }
        _ = consider(greedy.compactMap { $0 })
        return outcome()
    }

    private enum Attempt {
        case match(roundedTo: Int?)
        case wrongOrder(String)
        /// `agreement`: columns of the example pair that are equal, which makes the example readable.
        case differ(count: Int, agreement: Int, reason: String)

        /// Lower is closer to a match.
        var rank: Rank {
            switch self {
            case .match: Rank(level: 0, disagreement: 0)
            case .wrongOrder: Rank(level: 1, disagreement: 0)
            case .differ(let count, let agreement, _): Rank(level: 2 + count, disagreement: -agreement)
            }
        }
    }

    private struct Rank: Comparable {
        var level: Int
        var disagreement: Int

        static func < (a: Rank, b: Rank) -> Bool {
            (a.level, a.disagreement) < (b.level, b.disagreement)
        }
    }

    private func attempt(
        _ permutation: [Int], _ candidate: ResultSet, _ reference: ResultSet, _ arrangement: Arrangement
    ) -> Attempt {
        let matcher = RowMatcher(comparer: comparer, permutation: permutation)
        guard arrangement.ordered else {
            let bag = unordered(matcher, candidate, reference, arrangement)
            return bag.complete ? .match(roundedTo: bag.roundedTo) : differ(bag, permutation)
        }

        var rounded: Int?
        for (index, group) in arrangement.groups.enumerated() {
            let outcome = matcher.match(
                reference: arrangement.pools[index] ?? Array(reference.rows[group]),
                candidate: Array(candidate.rows[group]))
            if let decimals = outcome.roundedTo { rounded = max(rounded ?? decimals, decimals) }
            guard let local = outcome.unmatchedCandidate.first else { continue }

            let bag = unordered(matcher, candidate, reference, arrangement)
            guard bag.complete else { return differ(bag, permutation) }
            let position = group.lowerBound + local
            return .wrongOrder(
                "wrong order: row \(position + 1) is \(shown(candidate.rows[position], permutation))"
                    + " but expected \(RowText.row(reference.rows[position]))")
        }
        return .match(roundedTo: rounded)
    }

    private struct Bag {
        var complete: Bool
        var roundedTo: Int?
        var extraCandidate: [[SQLValue]]
        var missingReference: [[SQLValue]]
    }

    /// The candidate's rows against the fixed reference rows, then what is left against the pools.
    private func unordered(
        _ matcher: RowMatcher, _ candidate: ResultSet, _ reference: ResultSet, _ arrangement: Arrangement
    ) -> Bag {
        let fixed = arrangement.pools.isEmpty ? reference.rows : arrangement.fixedPositions.map { reference.rows[$0] }
        let first = matcher.match(reference: fixed, candidate: candidate.rows)
        let missing = first.unmatchedReference.map { fixed[$0] }
        var extra = first.unmatchedCandidate.map { candidate.rows[$0] }
        var rounded = first.roundedTo
        if !arrangement.pools.isEmpty && !extra.isEmpty {
            let second = matcher.match(reference: arrangement.pooledRows, candidate: extra)
            if let decimals = second.roundedTo { rounded = max(rounded ?? decimals, decimals) }
            extra = second.unmatchedCandidate.map { extra[$0] }
        }
        return Bag(complete: missing.isEmpty && extra.isEmpty, roundedTo: rounded, extraCandidate: extra, missingReference: missing)
    }

    private func differ(_ bag: Bag, _ permutation: [Int]) -> Attempt {
        let count = max(bag.extraCandidate.count, bag.missingReference.count)
        let matcher = RowMatcher(comparer: comparer, permutation: permutation)
        guard let got = bag.extraCandidate.first else {
            let missing = bag.missingReference.first.map(RowText.row) ?? "()"
            return .differ(count: count, agreement: 0, reason: "\(count) expected row(s) missing, e.g. \(missing)")
        }
        let expected = bag.missingReference.max { matcher.agreement(got, $0) < matcher.agreement(got, $1) }
        let example = "got \(shown(got, permutation))" + (expected.map { " expected \(RowText.row($0))" } ?? "")
        let reason = count == 1 ? "1 row differs: \(example)" : "\(count) rows differ, e.g. \(example)"
        return .differ(count: count, agreement: expected.map { matcher.agreement(got, $0) } ?? 0, reason: reason)
    }

    /// A candidate row written in the reference's column order.
    private func shown(_ row: [SQLValue], _ permutation: [Int]) -> String {
        RowText.row(permutation.map { row[$0] })
    }

    private func namePermutation(_ candidate: [String], _ reference: [String]) -> [Int]? {
        let candidateNames = candidate.map { $0.lowercased() }
        let referenceNames = reference.map { $0.lowercased() }
        guard Set(referenceNames).count == referenceNames.count, Set(candidateNames) == Set(referenceNames) else {
            return nil
        }
        return referenceNames.compactMap { candidateNames.firstIndex(of: $0) }
    }
}
