/// Bytes read from one stream, kept up to a cap and counted beyond it.
struct CappedBuffer {
    let cap: Int
    private(set) var bytes: [UInt8] = []
    private(set) var total = 0

    init(cap: Int) {
        self.cap = cap
    }

    /// A buffer holding `bytes` of `total` bytes seen, as another process captured them.
    init(cap: Int, bytes: [UInt8], total: Int) {
        self.cap = cap
        self.bytes = bytes
        self.total = max(total, bytes.count)
    }

    var truncated: Bool { total > bytes.count }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        total += chunk.count
        let room = cap - bytes.count
        if room > 0 { bytes.append(contentsOf: chunk.prefix(room)) }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
