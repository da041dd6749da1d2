/// One value of a query result, typed as SQLite returned it.
enum SQLValue: Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    var isReal: Bool {
        if case .real = self { true } else { false }
    }

    /// The value as a number, for INTEGER and REAL.
    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    /// Equal as SQLite's BINARY collation sees it: same storage class and same value or bytes (3 and 3.0 are equal).
    func isIdentical(to other: SQLValue) -> Bool {
        switch (self, other) {
        case (.null, .null): true
        case let (.integer(a), .integer(b)): a == b
        case let (.text(a), .text(b)): a.utf8.elementsEqual(b.utf8)
        case let (.blob(a), .blob(b)): a == b
        default:
            if let a = number, let b = other.number { a == b } else { false }
        }
    }

    /// A total order used to line up values: NULL, numbers, text, blobs.
    static func precedes(_ a: SQLValue, _ b: SQLValue) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        switch (a, b) {
        case let (.integer(x), .integer(y)): return x < y
        case let (.text(x), .text(y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case let (.blob(x), .blob(y)): return x.lexicographicallyPrecedes(y)
        default:
            guard let x = a.number, let y = b.number else { return false }
            return x < y
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .integer, .real: 1
        case .text: 2
        case .blob: 3
        }
    }

    /// Feeds what `isIdentical` compares into `hasher`; only valid where no REAL is involved.
    func hashExact(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .integer(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .real(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .text(let value):
            hasher.combine(2)
            var copy = value
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .blob(let value):
            hasher.combine(3)
            value.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
