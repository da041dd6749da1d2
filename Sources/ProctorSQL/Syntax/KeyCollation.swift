/// The collation an ORDER BY term compares text with, which decides what ties.
enum KeyCollation: Sendable {
    case binary
    case nocase
    case rtrim

    init(_ name: String) {
        switch name.uppercased() {
        case "NOCASE": self = .nocase
        case "RTRIM": self = .rtrim
        default: self = .binary
        }
    }

    /// Whether two sort-key values tie under this collation (NULLs tie with each other).
    func ties(_ a: SQLValue, _ b: SQLValue) -> Bool {
        switch (self, a, b) {
        case let (.nocase, .text(x), .text(y)):
            return x.utf8.lazy.map(Self.lower).elementsEqual(y.utf8.lazy.map(Self.lower))
        case let (.rtrim, .text(x), .text(y)):
            return Self.trimmed(x).elementsEqual(Self.trimmed(y))
        default:
            return a.isIdentical(to: b)
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
    }

    private static func trimmed(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        return bytes
    }
}
