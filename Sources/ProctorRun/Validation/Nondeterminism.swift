import Foundation

/// Finds what makes an answer change from run to run: the clock and randomness, in SQL or Python.
enum Nondeterminism {
    private static let patterns: [(String, NSRegularExpression)] = [
        "\\b(current_date|current_time|current_timestamp)\\b", "(?<=[(,])\\s*['\"]now['\"]", "\\bunixepoch\\s*\\(",
        "\\brandom(blob)?\\s*\\(", "\\bfrom\\s+(time|random|uuid|secrets)\\s+import\\b", "\\bfrom\\s+os\\s+import\\s+[^\\n]*\\b(urandom|getrandom)\\b",
        "\\b__import__\\s*\\(", "\\.(monotonic|perf_counter|localtime|gmtime|process_time)(_ns)?\\s*\\(",
        "\\bimport\\s+random\\b", "\\bfrom\\s+random\\s+import\\b", "\\brandom\\.\\w+", "\\btime\\.time(_ns)?\\s*\\(",
        "\\b(now|today|utcnow)\\s*\\(", "\\bos\\.urandom\\b", "\\buuid\\.uuid[14]\\b",
        "\\bsecrets\\.\\w+",
    ].compactMap { pattern in
        (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { (pattern, $0) }
    }

    /// The first text in `text` that reads the clock or randomness, e.g. `date('now')` → `'now'`, or nil.
    static func first(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        let found = patterns.compactMap { _, expression in expression.firstMatch(in: text, range: range) }
            .min { $0.range.location < $1.range.location }
        return found.flatMap { Range($0.range, in: text) }.map { String(text[$0]) }
    }
}
