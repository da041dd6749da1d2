import Foundation

/// The cassettes of one run, shared by the requests in flight: each answer is appended as it arrives, and its
/// price added to what the run has spent.
actor CassetteRecorder {
    private var cassettes: [String: Cassette]
    private let prices: Prices?
    /// US dollars spent on the answers recorded so far (0 when prices are unknown).
    private(set) var spent: Double = 0

    init(_ cassettes: [String: Cassette], prices: Prices?) {
        self.cassettes = cassettes
        self.prices = prices
    }

    func record(_ entry: CassetteEntry) throws {
        guard var cassette = cassettes[entry.suite] else { return }
        try cassette.append(entry)
        cassettes[entry.suite] = cassette
        if let prices, let usage = entry.usage { spent += prices.cost(of: usage) }
    }

    func all() -> [String: Cassette] { cassettes }
}
