/// What Foundation's JSON reader lets pass that a judge's answer must not have.
enum StrictJSON {
    private enum Container {
        case object(keys: Set<String>, expectingKey: Bool)
        case array
    }

    /// Whether some object in `text` (valid JSON) names a key twice: Foundation keeps the last, so
    /// `"met": false, "met": true` would read as met.
    static func hasDuplicateKeys(_ text: String) -> Bool { duplicateKey(text) != nil }

    /// The first key some object in `text` (valid JSON) names twice.
    static func duplicateKey(_ text: String) -> String? {
        var open: [Container] = []
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "{": open.append(.object(keys: [], expectingKey: true))
            case "[": open.append(.array)
            case "}", "]": _ = open.popLast()
            case ",":
                if case let .object(keys, _)? = open.last { open[open.count - 1] = .object(keys: keys, expectingKey: true) }
            case "\"":
                var string = ""
                while let next = scalars.next(), next != "\"" {
                    string.unicodeScalars.append(next)
                    if next == "\\", let escaped = scalars.next() { string.unicodeScalars.append(escaped) }
                }
                if case let .object(keys, true)? = open.last {
                    if keys.contains(string) { return string }
                    open[open.count - 1] = .object(keys: keys.union([string]), expectingKey: false)
                }
            default: continue
            }
        }
        return nil
    }
}
