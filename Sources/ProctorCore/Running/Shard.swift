/// One of N deterministic slices of a run's samples, by a stable hash of suite, case, sample, model and variant.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based: shard 1 of N is the first.
    public var index: Int
    public var count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `I/N` (1-based, as a person writes it).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether `sample` belongs to this shard; every sample belongs to exactly one of the N.
    public func contains(_ sample: Sample) -> Bool {
        let key = sample.key
        let identity = [key.suite, key.caseID, key.sampleID, key.model ?? "", key.variant ?? ""].joined(separator: "\u{0}")
        return Int(Self.fnv1a(identity) % UInt64(count)) == index - 1
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: the same on every machine and in every run.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
