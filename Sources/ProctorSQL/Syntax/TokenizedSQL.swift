import Foundation

/// An SQL text split into tokens, skipping whitespace and comments.
///
/// Lenient: an unterminated string or comment runs to the end, so any text tokenizes.
struct TokenizedSQL: Sendable {
    let bytes: [UInt8]
    let tokens: [SQLToken]

    init(_ sql: String) {
        bytes = Array(sql.utf8)
        tokens = Self.scan(bytes)
    }

    func text(_ token: SQLToken) -> String {
        text(token.range)
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Source text from the start of token `first` to the end of token `last`, comments included.
    func text(tokens first: Int, through last: Int) -> String {
        text(tokens[first].range.lowerBound..<tokens[last].range.upperBound)
    }

    /// Whether token `index` is the bare word `keyword` (uppercase ASCII), in any case.
    func isKeyword(_ index: Int, _ keyword: String) -> Bool {
        guard tokens.indices.contains(index), tokens[index].kind == .word else { return false }
        let range = tokens[index].range
        guard range.count == keyword.utf8.count else { return false }
        return zip(bytes[range], keyword.utf8).allSatisfy { Self.upper($0) == $1 }
    }

    func isPunctuation(_ index: Int, _ character: UInt8) -> Bool {
        guard tokens.indices.contains(index), tokens[index].kind == .punctuation else { return false }
        return bytes[tokens[index].range.lowerBound] == character
    }

    /// The uppercased text of a word token, or nil for other kinds.
    func keyword(_ index: Int) -> String? {
        guard tokens.indices.contains(index), tokens[index].kind == .word else { return nil }
        return String(decoding: bytes[tokens[index].range].map(Self.upper), as: UTF8.self)
    }

    /// The name an identifier token stands for, quotes removed; nil unless a word or quoted identifier.
    func identifier(_ index: Int) -> String? {
        guard tokens.indices.contains(index) else { return nil }
        let token = tokens[index]
        switch token.kind {
        case .word:
            return text(token)
        case .quotedIdentifier:
            let inner = text(token.range.lowerBound + 1..<max(token.range.lowerBound + 1, token.range.upperBound - 1))
            let quote = bytes[token.range.lowerBound]
            switch quote {
            case UInt8(ascii: "\""): return inner.replacingOccurrences(of: "\"\"", with: "\"")
            case UInt8(ascii: "`"): return inner.replacingOccurrences(of: "``", with: "`")
            default: return inner
            }
        default:
            return nil
        }
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) ? byte - 32 : byte
    }

    private static func scan(_ bytes: [UInt8]) -> [SQLToken] {
        var tokens: [SQLToken] = []
        var depth = 0
        var i = 0
        let n = bytes.count

        func at(_ index: Int) -> UInt8 { index < n ? bytes[index] : 0 }
        /// Index after a run closed by `close`, where a doubled `close` is an escaped one.
        func quoted(from start: Int, close: UInt8, doubling: Bool) -> Int {
            var j = start + 1
            while j < n {
                if bytes[j] == close {
                    if doubling && at(j + 1) == close {
                        j += 2
                        continue
                    }
                    return j + 1
                }
                j += 1
            }
            return n
        }

        while i < n {
            let c = bytes[i]
            let start = i
            var kind: SQLToken.Kind
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                i += 1
                continue
            case UInt8(ascii: "-") where at(i + 1) == UInt8(ascii: "-"):
                while i < n && bytes[i] != 0x0A { i += 1 }
                continue
            case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "*"):
                i += 2
                while i < n && !(bytes[i] == UInt8(ascii: "*") && at(i + 1) == UInt8(ascii: "/")) { i += 1 }
                i = min(n, i + 2)
                continue
            case UInt8(ascii: "'"):
                i = quoted(from: i, close: c, doubling: true)
                kind = .string
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                i = quoted(from: i, close: c, doubling: true)
                kind = .quotedIdentifier
            case UInt8(ascii: "["):
                i = quoted(from: i, close: UInt8(ascii: "]"), doubling: false)
                kind = .quotedIdentifier
            case _ where (c == UInt8(ascii: "x") || c == UInt8(ascii: "X")) && at(i + 1) == UInt8(ascii: "'"):
                i = quoted(from: i + 1, close: UInt8(ascii: "'"), doubling: false)
                kind = .blob
            case _ where isDigit(c) || (c == UInt8(ascii: ".") && isDigit(at(i + 1))):
                i += 1
                while i < n {
                    let d = bytes[i]
                    if isWordByte(d) || d == UInt8(ascii: ".") {
                        i += 1
                    } else if (d == UInt8(ascii: "+") || d == UInt8(ascii: "-"))
                        && (bytes[i - 1] == UInt8(ascii: "e") || bytes[i - 1] == UInt8(ascii: "E"))
                    {
                        i += 1
                    } else {
                        break
                    }
                }
                kind = .number
            case _ where isWordStart(c):
                i += 1
                while i < n && (isWordByte(bytes[i]) || bytes[i] == UInt8(ascii: "$")) { i += 1 }
                kind = .word
            case _ where c == UInt8(ascii: "?") || (Self.sigils.contains(c) && isWordByte(at(i + 1))):
                i += 1
                while i < n && isWordByte(bytes[i]) { i += 1 }
                kind = .parameter
            case UInt8(ascii: "("):
                tokens.append(SQLToken(kind: .punctuation, range: i..<i + 1, depth: depth))
                depth += 1
                i += 1
                continue
            case UInt8(ascii: ")"):
                depth = max(0, depth - 1)
                kind = .punctuation
                i += 1
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "."):
                kind = .punctuation
                i += 1
            default:
                kind = .symbol
                i += 1
            }
            tokens.append(SQLToken(kind: kind, range: start..<i, depth: depth))
        }
        return tokens
    }

    /// Bytes that start a named parameter.
    private static let sigils: Set<UInt8> = [UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "$")]

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func isWordStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c >= 0x80
    }

    private static func isWordByte(_ c: UInt8) -> Bool { isWordStart(c) || isDigit(c) }
}

extension TokenizedSQL {
    /// Whether the text holds nothing but whitespace, comments and semicolons.
    var isOnlySemicolons: Bool {
        tokens.indices.allSatisfy { isPunctuation($0, UInt8(ascii: ";")) }
    }
}
