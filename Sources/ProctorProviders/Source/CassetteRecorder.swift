import Foundation

/// The cassettes of one model's run, shared by the requests in flight and the repair rounds asked while grading:
/// each answer is appended as it arrives, and its price added to what the run has spent.
actor CassetteRecorder {
    private var cassettes: [String: Cassette] = [:]
    private var prices: Prices?
    /// US dollars spent on the answers recorded so far (0 when prices are unknown).
    private(set) var spent: Double = 0
    /// Keys recorded in this run: what `--refresh` does not ask again.
    private(set) var recorded: Set<String> = []
    /// Suites whose cassette gained a line since it was last sorted.
    private var unsorted: Set<String> = []

    /// Each suite's case ids by their place in it, which orders its cassette.
    private var caseOrders: [String: [String: Int]] = [:]

    func start(_ cassettes: [String: Cassette], prices: Prices?, caseOrders: [String: [String: Int]]) {
        self.cassettes = cassettes
        self.prices = prices
        self.caseOrders = caseOrders
    }

    /// Appends `entry` to its suite's cassette and returns that cassette's path, as shown to people.
    @discardableResult
    func record(_ entry: CassetteEntry) throws -> String? {
        guard var cassette = cassettes[entry.suite] else { return nil }
        try cassette.append(entry)
        cassettes[entry.suite] = cassette
        recorded.insert(entry.key)
        unsorted.insert(entry.suite)
        if let prices, let usage = entry.usage { spent += prices.cost(of: usage) }
        return cassette.displayPath
    }

    func entry(suite: String, key: String) -> (entry: CassetteEntry, file: String)? {
        guard let cassette = cassettes[suite], let entry = cassette.entries[key] else { return nil }
        return (entry, cassette.displayPath)
    }

    func all() -> [String: Cassette] { cassettes }

    /// Sorts every cassette that gained lines.
    func sort() throws {
        for suite in unsorted.sorted() {
            try cassettes[suite]?.rewrite(caseOrder: caseOrders[suite] ?? [:])
        }
        unsorted.removeAll()
    }
}
