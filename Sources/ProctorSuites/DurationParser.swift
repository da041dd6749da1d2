import Foundation
import ProctorCore

/// Reads durations written as `2s`, `1.5 s`, `500ms`, `1m` or a bare number of seconds.
public enum DurationParser {
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite, value > 0 else { return nil }
            return .milliseconds(Int64((value * unit.seconds * 1000).rounded()))
        }
        guard let value = Double(trimmed), value.isFinite, value > 0 else { return nil }
        return .milliseconds(Int64((value * 1000).rounded()))
    }
}
