import ProctorCore

/// Finds the Python program in a model response, and assembles the program of a `completion` case.
///
/// Only the answer after a `</think>` section is searched, with CRLF line ends read as LF. Blocks (``` or ~~~)
/// tagged `python`, `py`, `python3` or `py3` come first, all of them joined in order (a model often splits one
/// program over several blocks) — except that a block whose every top-level function and class a later block
/// defines again is dropped (a first attempt, then "here is the corrected version"); without any, bare blocks
/// that hold code-like lines; without fences, the span of the response from its first to its last code-like
/// line, dedented (a Markdown code block indented by four spaces). Blocks in other languages are never run.
public struct PythonExtractor: Sendable {
    /// Why a response yields no program: one line for the verdict.
    public struct Failure: Error, Sendable, Hashable {
        public var reason: String
    }

    static let pythonTags: Set<String> = ["python", "py", "python3", "py3"]
    static let outputTags: Set<String> = ["text", "txt", "output", "console", "plaintext", "none"]

    public init() {}

    /// The program of a whole-program answer (`comments-to-code`).
    public func program(from response: String) -> Result<String, Failure> {
        code(in: answer(of: response)).map { $0 + "\n" }
    }

    /// The program of a `completion` case: the prompt followed by the continuation, or, when the response
    /// restates `def entryPoint(`, the prompt's lines before that definition followed by the response's code.
    ///
    /// A continuation written without the body's indentation is indented under the prompt's last `def`.
    public func completion(prompt: String, response: String, entryPoint: String?) -> Result<String, Failure> {
        let answer = answer(of: response)
        if !prompt.hasSuffix("\n"), FencedBlock.parse(answer).blocks.isEmpty {
            // The prompt ends mid-line (`def multiply(`): the response continues that very line.
            guard !answer.allSatisfy(\.isWhitespace) else { return .failure(Failure(reason: Self.noCode)) }
            return .success(prompt + answer.trimmingTrailingWhitespace() + "\n")
        }
        let code: String
        switch self.code(in: answer, continuation: true) {
        case .failure(let failure): return .failure(failure)
        case .success(let found): code = found
        }
        let promptLines = prompt.split(separator: "\n", omittingEmptySubsequences: false)
        if let entryPoint, let restated = Self.definitionLine(of: entryPoint, in: code.lines) {
            let definition = Self.definitionLine(of: entryPoint, in: promptLines) ?? promptLines.count
            let preamble = promptLines[..<definition].joined(separator: "\n")
            let body = Self.dedent(code.lines, by: Self.indentation(of: code.lines[restated]))
            return .success((preamble.isEmpty ? "" : preamble + "\n") + body.joined(separator: "\n") + "\n")
        }
        let lastDefinition = promptLines.lastIndex { $0.wholeMatch(of: Self.anyDefinition) != nil }
        let bodyIndent = lastDefinition.map { Self.indentation(of: promptLines[$0]) + 4 } ?? 4
        let separator = prompt.isEmpty || prompt.hasSuffix("\n") ? "" : "\n"
        return .success(prompt + separator + Self.indentBody(code.lines, to: bodyIndent).joined(separator: "\n") + "\n")
    }

    // MARK: Finding the code

    static let noCode = "no Python code in the response"

    /// The answer after the last `</think>` that stands outside a code fence (code may hold the text in a string).
    private func answer(of raw: String) -> String {
        let response = raw.replacingOccurrences(of: "\r\n", with: "\n")
        var fence: Character?
        var end: String.Index?
        for line in response.split(separator: "\n", omittingEmptySubsequences: false) {
            let stripped = line.drop { $0 == " " }
            if let first = stripped.first, first == "`" || first == "~", stripped.prefix(3).allSatisfy({ $0 == first }),
                stripped.count >= 3
            {
                fence = fence == nil ? first : (fence == first ? nil : fence)
            } else if fence == nil, let found = line.range(of: "</think>", options: .backwards) {
                end = found.upperBound
            }
        }
        guard let end else { return response }
        let after = String(response[end...])
        return after.allSatisfy(\.isWhitespace) ? response : after
    }

    /// The code of an answer; a `continuation` may start with an indented line that reads as prose alone.
    private func code(in answer: String, continuation: Bool = false) -> Result<String, Failure> {
        let (blocks, _) = FencedBlock.parse(answer)
        let filled = blocks.filter { !$0.code.allSatisfy(\.isWhitespace) }
        let tagged = filled.filter { $0.language.map(Self.pythonTags.contains) ?? false }
        if !tagged.isEmpty { return .success(Self.join(Self.latestAttempts(tagged.map(\.code)))) }
        let bare = filled.filter { $0.language == nil && Self.codeSpan($0.code.lines) != nil }
        if !bare.isEmpty { return .success(Self.join(Self.latestAttempts(bare.map(\.code)))) }
        let foreign = filled.compactMap(\.language).filter { !Self.outputTags.contains($0) }
        if let language = foreign.first {
            return .failure(Failure(reason: "\(Self.noCode) (only a \(language) block)"))
        }
        guard blocks.isEmpty else { return .failure(Failure(reason: Self.noCode)) }
        let lines = answer.lines
        guard let span = Self.codeSpan(lines, continuation: continuation) else {
            return .failure(Failure(reason: Self.noCode))
        }
        let found = Array(lines[span])
        // A continuation keeps its indentation (it is laid out under the prompt's def); a program is dedented.
        guard !continuation else { return .success(found.joined(separator: "\n")) }
        let common = found.filter { !$0.allSatisfy(\.isWhitespace) }.map(Self.indentation).min() ?? 0
        return .success(Self.dedent(found, by: common).joined(separator: "\n"))
    }

    /// `blocks` without those whose every top-level function and class a later block defines again.
    static func latestAttempts(_ blocks: [String]) -> [String] {
        let names = blocks.map(topLevelDefinitions)
        return blocks.indices.filter { index in
            let own = names[index]
            guard !own.isEmpty else { return true }
            let later = names[(index + 1)...].reduce(into: Set<String>()) { $0.formUnion($1) }
            return !own.isSubset(of: later)
        }.map { blocks[$0] }
    }

    /// The names of the functions and classes a block defines at column 0.
    static func topLevelDefinitions(_ code: String) -> Set<String> {
        Set(code.lines.compactMap { line in
            line.firstMatch(of: /^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/).map { String($0.output.1) }
        })
    }

    private static func join(_ pieces: [String]) -> String {
        pieces.map { $0.trimmingTrailingWhitespace() }.joined(separator: "\n\n")
    }

    /// From the first to the last code-like line; nil when no line looks like Python.
    static func codeSpan(_ lines: [Substring], continuation: Bool = false) -> ClosedRange<Int>? {
        var first: Int?
        var last: Int?
        var inCode = false
        for (index, line) in lines.enumerated() {
            let stripped = line.drop(while: { $0 == " " || $0 == "\t" })
            if stripped.isEmpty { continue }
            let indented = stripped.count < line.count
            if isCodeLike(stripped) || (inCode && (indented || isContinuation(stripped)))
                || (continuation && first == nil && indented)
            {
                first = first ?? index
                last = index
                inCode = true
            } else if stripped.hasPrefix("#") {
                if inCode { last = index }
            } else {
                inCode = false
            }
        }
        guard let first, let last else { return nil }
        return first...last
    }

    // Regex is not Sendable only because it compiles lazily; matching one shared, immutable value is safe.
    nonisolated(unsafe) private static let statement =
        /(?:def|class|async\s+def)\s+\w+.*:\s*(#.*)?|(?:if|elif|while|for|with|try|except|finally|else|match|case)\b.*:(.*)|(?:import\s+[\w.]+|from\s+[\w.]+\s+import)\b.*|(?:return|raise|assert|yield|pass|break|continue|global|nonlocal|del|await)\b.*|@[\w.]+.*|print\(.*/
    nonisolated(unsafe) private static let assignmentOrCall =
        /[A-Za-z_][\w.]*(?:\[[^\]]*\])*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*(?::\s*[\w\[\], .]+)?\s*(?:=|\+=|-=|\*=|\/=|\/\/=|%=|\|=|&=)(?!=).*|[A-Za-z_][\w.]*\(.*\)\s*(#.*)?/

    /// Whether a line (without its indentation) reads as a Python statement rather than prose.
    static func isCodeLike(_ line: Substring) -> Bool {
        line.wholeMatch(of: statement) != nil || line.wholeMatch(of: assignmentOrCall) != nil
    }

    /// Closing brackets and string or bracket continuations that only make sense inside code.
    private static func isContinuation(_ line: Substring) -> Bool {
        guard let first = line.first else { return false }
        return ")]}'\"".contains(first) || line.hasSuffix(",") || line.hasSuffix("(") || line.hasSuffix("[")
            || line.hasSuffix("{")
    }

    // MARK: Completion layout

    nonisolated(unsafe) private static let anyDefinition = /\s*(?:async\s+)?def\s+\w+\s*\(.*/

    private static func definitionLine(of name: String, in lines: [Substring]) -> Int? {
        lines.lastIndex { line in
            let stripped = line.drop(while: { $0 == " " || $0 == "\t" })
            for prefix in ["def ", "async def "] where stripped.hasPrefix(prefix) {
                let rest = stripped.dropFirst(prefix.count).drop(while: { $0 == " " })
                if rest.hasPrefix(name), rest.dropFirst(name.count).drop(while: { $0 == " " }).hasPrefix("(") {
                    return true
                }
            }
            return false
        }
    }

    static func indentation(of line: Substring) -> Int {
        var width = 0
        for character in line {
            if character == " " { width += 1 } else if character == "\t" { width += 8 - width % 8 } else { break }
        }
        return width
    }

    private static func dedent(_ lines: [Substring], by width: Int) -> [Substring] {
        lines.map { line in
            let strip = min(width, indentation(of: line), line.prefix { $0 == " " }.count)
            return line.dropFirst(strip)
        }
    }

    /// Indents a continuation so its first statement sits at `width`, unless it already does.
    ///
    /// A first line at column 0 followed by lines indented as a body (its indentation lost when the response was
    /// trimmed) moves alone; a continuation written wholly at column 0 moves as a block.
    static func indentBody(_ lines: [Substring], to width: Int) -> [String] {
        let filled = lines.indices.filter { !lines[$0].allSatisfy(\.isWhitespace) }
        guard let first = filled.first else { return [] }
        let firstIndent = indentation(of: lines[first])
        if firstIndent >= width { return lines.map(String.init) }
        let rest = filled.dropFirst().map { indentation(of: lines[$0]) }
        let pad = String(repeating: " ", count: width)
        // A first line ending in ':' was stripped when its own block sits deeper than the lines after it.
        let opensBlock = lines[first].trimmingTrailingWhitespace().hasSuffix(":")
        if firstIndent == 0, let smallest = rest.min(), smallest >= width, !opensBlock || rest[0] > smallest {
            return lines.enumerated().map { $0.offset == first ? pad + $0.element : String($0.element) }
        }
        let shift = width - firstIndent
        let extra = String(repeating: " ", count: shift)
        return lines.map { $0.allSatisfy(\.isWhitespace) ? "" : extra + $0 }
    }
}

extension StringProtocol {
    var lines: [Substring] { String(self).split(separator: "\n", omittingEmptySubsequences: false) }

    func trimmingTrailingWhitespace() -> String {
        var text = String(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
