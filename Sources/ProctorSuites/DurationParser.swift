import Foundation
import ProctorCore

/// Reads durations written as `2s`, `1.5 s`, `500ms`, `1m` or a bare number of seconds.
public enum DurationParser {
    /// The longest duration a suite or a flag may give (a case's `timeout`, `import humaneval --timeout`).
    public static let longest = Duration.seconds(600)

    /// The duration `text` names, or nil when it is not one, is below 1 ms or above ``longest``.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("", 1)]
        guard let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }),
            let value = Double(trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces))
        else { return nil }
        // Compared as a Double first: 1e308 seconds has no Int64 count of milliseconds.
        let milliseconds = (value * unit.seconds * 1000).rounded()
        guard milliseconds.isFinite, milliseconds >= 1, milliseconds <= Double(longest.components.seconds) * 1000 else {
            return nil
        }
        return .milliseconds(Int64(milliseconds))
    }
}
