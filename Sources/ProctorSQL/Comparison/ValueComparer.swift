/// Compares a candidate's value with the reference's the way a careful reviewer would.
///
/// Numbers compare by value across INTEGER and REAL, within a relative tolerance; a REAL candidate that is
/// the reference's REAL rounded to two or more decimals matches too. Text compares byte for byte, blobs by
/// bytes, NULL only equals NULL, and text never equals a number.
struct ValueComparer: Sendable {
    var tolerance: Double

    enum Match: Equatable {
        case equal
        /// Equal once the reference is rounded to this many decimals.
        case rounded(Int)
        case different
    }

    func compare(_ candidate: SQLValue, _ reference: SQLValue) -> Match {
        switch (candidate, reference) {
        case (.null, .null):
            return .equal
        case let (.integer(a), .integer(b)):
            return a == b ? .equal : .different
        case let (.text(a), .text(b)):
            return a.utf8.elementsEqual(b.utf8) ? .equal : .different
        case let (.blob(a), .blob(b)):
            return a == b ? .equal : .different
        default:
            guard let x = candidate.number, let y = reference.number else { return .different }
            let difference = abs(x - y)
            if x == y || difference <= max(tolerance * max(abs(x), abs(y)), 1e-12) { return .equal }
            guard candidate.isReal, reference.isReal, let decimals = Self.decimals(of: x) else { return .different }
            let halfStep = 0.5 / Self.powersOfTen[decimals]
            return difference <= halfStep * (1 + 1e-9) + 1e-12 * max(1, abs(y)) ? .rounded(decimals) : .different
        }
    }

    func matches(_ candidate: SQLValue, _ reference: SQLValue) -> Bool {
        compare(candidate, reference) != .different
    }

    /// The fewest decimals (at least 2, at most 9) that write `value` exactly.
    private static func decimals(of value: Double) -> Int? {
        for decimals in 2...9 {
            let scaled = value * powersOfTen[decimals]
            if abs(scaled - scaled.rounded()) <= max(1e-6, abs(scaled) * 1e-12) { return decimals }
        }
        return nil
    }

    private static let powersOfTen: [Double] = (0...9).map { power in (0..<power).reduce(1.0) { value, _ in value * 10 } }
}
