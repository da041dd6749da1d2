/// Pairs candidate rows with reference rows as bags, each row used once.
///
/// Columns where neither side holds a REAL compare exactly, so rows are bucketed by them; inside a bucket,
/// REAL columns are matched with tolerance by bipartite matching (sorted pairing for large buckets).
struct RowMatcher {
    let comparer: ValueComparer
    /// Which candidate column each compared reference column is matched with.
    let columns: [(reference: Int, candidate: Int)]

    struct Outcome {
        var pairs: [(reference: Int, candidate: Int)] = []
        var unmatchedReference: [Int] = []
        var unmatchedCandidate: [Int] = []
        /// Most decimals a candidate value was rounded to, when any was.
        var roundedTo: Int?

        var coversCandidate: Bool { unmatchedCandidate.isEmpty }
        var isPerfect: Bool { unmatchedCandidate.isEmpty && unmatchedReference.isEmpty }
    }

    init(comparer: ValueComparer, permutation: [Int]) {
        self.comparer = comparer
        columns = permutation.enumerated().map { ($0.offset, $0.element) }
    }

    init(comparer: ValueComparer, columns: [(reference: Int, candidate: Int)]) {
        self.comparer = comparer
        self.columns = columns
    }

    func rowMatches(_ candidate: [SQLValue], _ reference: [SQLValue]) -> Bool {
        columns.allSatisfy { comparer.matches(candidate[$0.candidate], reference[$0.reference]) }
    }

    /// Columns of the pair that compare equal.
    func agreement(_ candidate: [SQLValue], _ reference: [SQLValue]) -> Int {
        columns.count { comparer.matches(candidate[$0.candidate], reference[$0.reference]) }
    }

    func match(reference: [[SQLValue]], candidate: [[SQLValue]]) -> Outcome {
        let exact = columns.filter { column in
            !reference.contains { $0[column.reference].isReal } && !candidate.contains { $0[column.candidate].isReal }
        }
        let approximate = columns.filter { column in !exact.contains { $0 == column } }

        var buckets: [Int: (reference: [Int], candidate: [Int])] = [:]
        var order: [Int] = []
        for (index, row) in reference.enumerated() {
            var hasher = Hasher()
            for column in exact { row[column.reference].hashExact(into: &hasher) }
            let key = hasher.finalize()
            if buckets[key] == nil { order.append(key) }
            buckets[key, default: ([], [])].reference.append(index)
        }
        for (index, row) in candidate.enumerated() {
            var hasher = Hasher()
            for column in exact { row[column.candidate].hashExact(into: &hasher) }
            let key = hasher.finalize()
            if buckets[key] == nil { order.append(key) }
            buckets[key, default: ([], [])].candidate.append(index)
        }

        var outcome = Outcome()
        for key in order {
            guard let bucket = buckets[key] else { continue }
            if approximate.isEmpty {
                matchExact(bucket.reference, bucket.candidate, reference, candidate, into: &outcome)
            } else {
                matchApproximate(bucket.reference, bucket.candidate, reference, candidate, approximate, into: &outcome)
            }
        }
        outcome.unmatchedCandidate.sort()
        outcome.unmatchedReference.sort()
        for pair in outcome.pairs {
            for column in approximate {
                if case .rounded(let decimals) = comparer.compare(
                    candidate[pair.candidate][column.candidate], reference[pair.reference][column.reference])
                {
                    outcome.roundedTo = max(outcome.roundedTo ?? decimals, decimals)
                }
            }
        }
        return outcome
    }

    /// Equal rows are interchangeable: group the reference rows into classes and hand them out.
    private func matchExact(
        _ referenceIndices: [Int], _ candidateIndices: [Int], _ reference: [[SQLValue]], _ candidate: [[SQLValue]],
        into outcome: inout Outcome
    ) {
        var classes: [(representative: Int, members: [Int])] = []
        for index in referenceIndices {
            if let found = classes.firstIndex(where: { sameReference(reference[$0.representative], reference[index]) }) {
                classes[found].members.append(index)
            } else {
                classes.append((index, [index]))
            }
        }
        for index in candidateIndices {
            if let found = classes.firstIndex(where: { rowMatches(candidate[index], reference[$0.representative]) }),
                let member = classes[found].members.popLast()
            {
                outcome.pairs.append((member, index))
            } else {
                outcome.unmatchedCandidate.append(index)
            }
        }
        for entry in classes { outcome.unmatchedReference.append(contentsOf: entry.members) }
    }

    private func sameReference(_ a: [SQLValue], _ b: [SQLValue]) -> Bool {
        columns.allSatisfy { a[$0.reference].isIdentical(to: b[$0.reference]) }
    }

    private func matchApproximate(
        _ referenceIndices: [Int], _ candidateIndices: [Int], _ reference: [[SQLValue]], _ candidate: [[SQLValue]],
        _ approximate: [(reference: Int, candidate: Int)], into outcome: inout Outcome
    ) {
        if referenceIndices.count * candidateIndices.count <= Self.bipartiteLimit {
            bipartite(referenceIndices, candidateIndices, reference, candidate, into: &outcome)
            return
        }
        func precedes(_ a: [SQLValue], _ aSide: KeyPath<(reference: Int, candidate: Int), Int>,
                      _ b: [SQLValue], _ bSide: KeyPath<(reference: Int, candidate: Int), Int>) -> Bool {
            for column in approximate {
                let x = a[column[keyPath: aSide]]
                let y = b[column[keyPath: bSide]]
                if SQLValue.precedes(x, y) { return true }
                if SQLValue.precedes(y, x) { return false }
            }
            return false
        }
        let sortedReference = referenceIndices.sorted { precedes(reference[$0], \.reference, reference[$1], \.reference) }
        let sortedCandidate = candidateIndices.sorted { precedes(candidate[$0], \.candidate, candidate[$1], \.candidate) }
        var leftReference: [Int] = []
        var leftCandidate: [Int] = []
        var i = 0
        var j = 0
        while i < sortedReference.count && j < sortedCandidate.count {
            let r = sortedReference[i]
            let c = sortedCandidate[j]
            if rowMatches(candidate[c], reference[r]) {
                outcome.pairs.append((r, c))
                i += 1
                j += 1
            } else if precedes(candidate[c], \.candidate, reference[r], \.reference) {
                leftCandidate.append(c)
                j += 1
            } else {
                leftReference.append(r)
                i += 1
            }
        }
        leftReference.append(contentsOf: sortedReference[i...])
        leftCandidate.append(contentsOf: sortedCandidate[j...])
        if leftReference.count * leftCandidate.count <= Self.bipartiteLimit {
            bipartite(leftReference, leftCandidate, reference, candidate, into: &outcome)
        } else {
            outcome.unmatchedReference.append(contentsOf: leftReference)
            outcome.unmatchedCandidate.append(contentsOf: leftCandidate)
        }
    }

    private static let bipartiteLimit = 4096

    /// A maximum matching by augmenting paths (Kuhn).
    private func bipartite(
        _ referenceIndices: [Int], _ candidateIndices: [Int], _ reference: [[SQLValue]], _ candidate: [[SQLValue]],
        into outcome: inout Outcome
    ) {
        let edges = candidateIndices.map { c in
            referenceIndices.indices.filter { rowMatches(candidate[c], reference[referenceIndices[$0]]) }
        }
        var owner = [Int?](repeating: nil, count: referenceIndices.count)

        func augment(_ c: Int, _ visited: inout [Bool]) -> Bool {
            for r in edges[c] where !visited[r] {
                visited[r] = true
                if let current = owner[r] {
                    guard augment(current, &visited) else { continue }
                }
                owner[r] = c
                return true
            }
            return false
        }

        var matched = [Bool](repeating: false, count: candidateIndices.count)
        for c in candidateIndices.indices {
            var visited = [Bool](repeating: false, count: referenceIndices.count)
            matched[c] = augment(c, &visited)
        }
        for (r, c) in owner.enumerated() {
            if let c {
                outcome.pairs.append((referenceIndices[r], candidateIndices[c]))
            } else {
                outcome.unmatchedReference.append(referenceIndices[r])
            }
        }
        for (c, isMatched) in matched.enumerated() where !isMatched {
            outcome.unmatchedCandidate.append(candidateIndices[c])
        }
    }
}
