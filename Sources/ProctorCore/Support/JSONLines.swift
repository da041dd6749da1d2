import Foundation

/// The lines of a JSON Lines file that hold something, with their 1-based numbers for diagnostics.
public enum JSONLines {
    /// Every line of `data` that is not blank (spaces, tabs, a carriage return), in order.
    public static func lines(of data: Data) -> [(number: Int, text: Data)] {
        data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated().compactMap {
            $1.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } ? nil : ($0 + 1, Data($1))
        }
    }
}
