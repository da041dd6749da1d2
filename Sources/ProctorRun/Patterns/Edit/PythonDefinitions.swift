/// Python's top-level definitions as text blocks: what an answer that sends only the changed functions replaces.
enum PythonDefinitions {
    /// A top-level `def`/`class` (with its decorators), from its first line up to the next line at column 0.
    struct Block {
        var name: String
        var lines: Range<Int>
    }

    static func blocks(_ lines: [String]) -> [Block] {
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            var start = index
            while index < lines.count, lines[index].hasPrefix("@") { index += 1 }
            guard index < lines.count,
                let match = lines[index].firstMatch(of: /^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/)
            else {
                index = max(index, start) + 1
                continue
            }
            if start == index { start = index }
            var end = index + 1
            while end < lines.count, lines[end].isEmpty || lines[end].first == " " || lines[end].first == "\t"
                || lines[end].hasPrefix("#")
            {
                end += 1
            }
            // Trailing blank lines and comments belong to what follows.
            while end > index + 1, lines[end - 1].trimmingTrailingWhitespace().isEmpty || lines[end - 1].hasPrefix("#") {
                end -= 1
            }
            blocks.append(Block(name: String(match.output.1), lines: start..<end))
            index = end
        }
        return blocks
    }

    /// `answer` merged into `code`: the whole answer when it defines every top-level name the code does (or the
    /// code defines none), else each of its definitions replacing the code's of the same name (new ones, and new
    /// imports, added).
    static func merge(_ answer: String, into code: String) -> EditApplier.Applied {
        let answerLines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let codeLines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let theirs = blocks(answerLines)
        let ours = blocks(codeLines)
        let ourNames = Set(ours.map(\.name))
        if ourNames.isEmpty || ourNames.isSubset(of: Set(theirs.map(\.name))) {
            return EditApplier.Applied(code: answer, form: "whole")
        }
        var merged = codeLines
        var appended: [String] = []
        for block in theirs {
            let text = Array(answerLines[block.lines])
            if let target = blocks(merged).first(where: { $0.name == block.name }) {
                merged.replaceSubrange(target.lines, with: text)
            } else {
                appended += [""] + text
            }
        }
        // New imports (whole statements, parenthesised ones over several lines) go after the code's `__future__`
        // imports, which must stay first.
        var imports: [String] = []
        var index = 0
        while index < answerLines.count {
            let line = answerLines[index]
            guard line.hasPrefix("import ") || line.hasPrefix("from ") else {
                index += 1
                continue
            }
            var statement = [line]
            if line.contains("("), !line.contains(")") {
                while index + 1 < answerLines.count, !(statement.last ?? ")").contains(")") {
                    index += 1
                    statement.append(answerLines[index])
                }
            }
            if !codeLines.contains(line) { imports += statement }
            index += 1
        }
        let future = merged.lastIndex { $0.hasPrefix("from __future__ import") }.map { $0 + 1 } ?? 0
        merged.insert(contentsOf: imports, at: future)
        return EditApplier.Applied(code: (merged + appended).joined(separator: "\n"), form: "definitions")
    }
}
