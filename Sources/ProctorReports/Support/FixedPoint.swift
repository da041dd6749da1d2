/// Decimal text for non-negative quantities, never in exponent notation.
enum FixedPoint {
    /// `value` rounded to `decimals` places (0...9), e.g. `0.750` for 0.75 and 3; negative and non-finite values give zero.
    ///
    /// Values are capped at 2^62 units of the last place (over a hundred million years in milliseconds). With `trimmingZeros`, trailing zeros and a bare point are dropped (`12.5`, `12`), as a JSON number.
    static func format(_ value: Double, decimals: Int, trimmingZeros: Bool = false) -> String {
        let places = min(max(decimals, 0), 9)
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        let units: Int64 =
            if !scaled.isFinite || scaled <= 0 { 0 } else if scaled >= 0x1p62 { 1 << 62 } else { Int64(scaled) }
        let whole = String(units / scale)
        guard places > 0 else { return whole }
        let digits = String(units % scale)
        var fraction = String(repeating: "0", count: places - digits.count) + digits
        if trimmingZeros {
            while fraction.last == "0" { fraction.removeLast() }
        }
        return fraction.isEmpty ? whole : "\(whole).\(fraction)"
    }
}
