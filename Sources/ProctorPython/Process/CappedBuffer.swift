/// Bytes read from one stream, kept up to a cap and counted beyond it.
struct CappedBuffer {
    let cap: Int
    private(set) var bytes: [UInt8] = []
    private(set) var total = 0

    init(cap: Int) {
        self.cap = cap
    }

    var truncated: Bool { total > bytes.count }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        total += chunk.count
        let room = cap - bytes.count
        if room > 0 { bytes.append(contentsOf: chunk.prefix(room)) }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
