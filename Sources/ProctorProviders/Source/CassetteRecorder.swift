import Foundation

/// The cassettes of one run, shared by the requests in flight: each answer is appended as it arrives.
actor CassetteRecorder {
    private var cassettes: [String: Cassette]

    init(_ cassettes: [String: Cassette]) {
        self.cassettes = cassettes
    }

    func record(_ entry: CassetteEntry) throws {
        guard var cassette = cassettes[entry.suite] else { return }
        try cassette.append(entry)
        cassettes[entry.suite] = cassette
    }

    func all() -> [String: Cassette] { cassettes }
}
