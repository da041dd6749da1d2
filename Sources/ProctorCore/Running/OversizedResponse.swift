/// What becomes of a response larger than its case allows: an error verdict before extraction, and only its
/// start kept for the reports.
struct OversizedResponse {
    /// Bytes of the response kept in the reports.
    static let keptBytes = 4096

    let limit: Int

    /// Whether `response` is over the limit; counts UTF-8 bytes.
    func exceeded(by response: String) -> Bool {
        response.utf8.count > limit
    }

    /// The error for `response`, naming its size and the key that admits it.
    func verdict(for response: String) -> Verdict {
        .error(
            "response larger than \(Self.size(limit)) (\(response.utf8.count) bytes; max_response_bytes admits more)",
            log: "note: nothing was extracted or run")
    }

    /// The first ``keptBytes`` of `response`, cut before a whole character, and how large it was; the response
    /// itself when it is no longer.
    func shortened(_ response: String) -> String {
        let bytes = response.utf8
        guard bytes.count > Self.keptBytes else { return response }
        var end = bytes.index(bytes.startIndex, offsetBy: Self.keptBytes, limitedBy: bytes.endIndex) ?? bytes.endIndex
        while end > bytes.startIndex && end < bytes.endIndex && bytes[end] & 0xC0 == 0x80 {
            end = bytes.index(before: end)
        }
        let kept = bytes.distance(from: bytes.startIndex, to: end)
        let total = bytes.count
        return String(decoding: bytes[..<end], as: UTF8.self)
            + "\n[… response cut: \(total) bytes in all, the last \(total - kept) not kept]"
    }

    /// `1 MiB`, `512 KiB`, `1000 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
