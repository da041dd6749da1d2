/// Writes one JSON object with its keys in the order they are added, as compact UTF-8 text.
///
/// Strings are escaped only where JSON requires (quote, backslash, C0 controls) plus U+2028/U+2029;
/// `/` and non-ASCII characters are written as they are.
struct JSONObjectWriter {
    private var text = "{"
    private var isEmpty = true

    mutating func add(_ key: String, _ value: String?) {
        separate(key)
        if let value { Self.appendQuoted(value, to: &text) } else { text += "null" }
    }

    /// Adds a number already formatted as JSON number text, or null.
    mutating func add(_ key: String, number: String?) {
        separate(key)
        text += number ?? "null"
    }

    /// The finished object.
    var object: String { text + "}" }

    private mutating func separate(_ key: String) {
        if !isEmpty { text += "," }
        isEmpty = false
        Self.appendQuoted(key, to: &text)
        text += ":"
    }

    private static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{8}": text += "\\b"
            case "\u{C}": text += "\\f"
            case "\u{0}"..."\u{1F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
