/// A fenced code block of a Markdown-ish model response.
public struct FencedBlock: Sendable, Hashable {
    /// The info string's first word, lowercased (`sql`, `python`), or nil for a bare fence.
    public var language: String?
    public var code: String
    /// Whether the block had a closing fence (a truncated response may lack it).
    public var closed: Bool

    public init(language: String?, code: String, closed: Bool) {
        self.language = language
        self.code = code
        self.closed = closed
    }

    /// The fenced blocks of `text`, in order, and the text outside them.
    ///
    /// Fences are ``` or ~~~ runs of three or more, indented up to three spaces; a closing fence uses the
    /// same character and is at least as long. A one-line block (```` ```SELECT 1``` ````) counts too.
    public static func parse(_ text: String) -> (blocks: [FencedBlock], prose: String) {
        var blocks: [FencedBlock] = []
        var prose: [Substring] = []
        var open: (fence: Character, length: Int, language: String?, lines: [Substring])?

        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let stripped = line.drop { $0 == " " }
            let indent = line.count - stripped.count
            if var current = open {
                if indent <= 3, let run = fenceRun(stripped), run.character == current.fence,
                    run.length >= current.length,
                    stripped.dropFirst(run.length).allSatisfy(\.isWhitespace)
                {
                    blocks.append(FencedBlock(language: current.language, code: joined(current.lines), closed: true))
                    open = nil
                } else {
                    current.lines.append(line)
                    open = current
                }
                continue
            }
            guard indent <= 3, let run = fenceRun(stripped) else {
                prose.append(line)
                continue
            }
            let info = stripped.dropFirst(run.length)
            let fence = String(repeating: run.character, count: run.length)
            if let end = info.range(of: fence), !info[end.upperBound...].contains(run.character) {
                // One-line block: ```sql SELECT 1``` or ```SELECT 1```.
                let inner = info[..<end.lowerBound]
                let (language, code) = splitOneLine(inner)
                blocks.append(FencedBlock(language: language, code: code, closed: true))
                prose.append(info[end.upperBound...])
                continue
            }
            let word = info.split(whereSeparator: { $0.isWhitespace || $0 == "{" }).first
            open = (run.character, run.length, word.map { $0.lowercased() }, [])
        }
        if let current = open {
            blocks.append(FencedBlock(language: current.language, code: joined(current.lines), closed: false))
        }
        return (blocks, prose.joined(separator: "\n"))
    }

    private static func fenceRun(_ line: Substring) -> (character: Character, length: Int)? {
        guard let first = line.first, first == "`" || first == "~" else { return nil }
        let length = line.prefix { $0 == first }.count
        return length >= 3 ? (first, length) : nil
    }

    private static func joined(_ lines: [Substring]) -> String {
        lines.joined(separator: "\n")
    }

    /// `sql SELECT 1` → ("sql", "SELECT 1"); `SELECT 1` → (nil, "SELECT 1").
    private static func splitOneLine(_ inner: Substring) -> (String?, String) {
        let trimmed = inner.drop(while: \.isWhitespace)
        let languages: Set<String> = ["sql", "sqlite", "python", "py", "python3", "text", "plaintext"]
        if let space = trimmed.firstIndex(where: \.isWhitespace) {
            let word = trimmed[..<space].lowercased()
            if languages.contains(word) {
                return (word, String(trimmed[space...].drop(while: \.isWhitespace)))
            }
        }
        return (nil, String(trimmed))
    }
}
