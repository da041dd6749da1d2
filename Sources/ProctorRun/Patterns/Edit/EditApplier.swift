import Foundation
import ProctorCore
import ProctorPython
import ProctorSQL

/// Applies a model's answer to the code it was asked to change, in whichever form the answer takes: search/replace
/// blocks, a unified diff, the whole file, or (Python) only the changed top-level definitions, merged by name.
struct EditApplier: Sendable {
    /// The edited code and the form the answer took (`search-replace`, `diff`, `whole`, `definitions`).
    struct Applied: Sendable, Hashable {
        var code: String
        var form: String
    }

    /// Why an answer could not be applied, in one line.
    struct Malformed: Error, Sendable, Hashable {
        var reason: String
        /// The lines the answer expected to find in the code, when that is what failed.
        var expected: String?
    }

    let language: EditCheck.Language

    func apply(_ response: String, to original: String) -> Result<Applied, Malformed> {
        let text = response.replacingOccurrences(of: "\r\n", with: "\n")
        let code = original.replacingOccurrences(of: "\r\n", with: "\n")
        if text.contains("<<<<<<< SEARCH") { return searchReplace(text, in: code).map { Applied(code: $0, form: "search-replace") } }
        if let hunks = Self.hunks(in: text) { return diff(hunks, to: code).map { Applied(code: $0, form: "diff") } }
        switch language {
        case .sql:
            guard let query = SQLExtractor().extract(from: text) else { return .failure(Malformed(reason: "no SQL in the answer")) }
            return .success(Applied(code: query, form: "whole"))
        case .python:
            guard case .success(let answer) = PythonExtractor().program(from: text) else {
                return .failure(Malformed(reason: "no Python code in the answer"))
            }
            return .success(PythonDefinitions.merge(answer, into: code))
        }
    }

    // MARK: Search/replace

    private func searchReplace(_ text: String, in code: String) -> Result<String, Malformed> {
        let blocks = text.matches(of: /<<<<<<< SEARCH\n((?:.|\n)*?)\n?=======\n((?:.|\n)*?)\n?>>>>>>> REPLACE/)
        guard !blocks.isEmpty else { return .failure(Malformed(reason: "malformed edit: a SEARCH block without ======= and >>>>>>> REPLACE")) }
        var edited = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, block) in blocks.enumerated() {
            let search = String(block.output.1).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let replace = String(block.output.2).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard !search.allSatisfy({ $0.trimmingTrailingWhitespace().isEmpty }) else {
                return .failure(Malformed(reason: "malformed edit: search block \(index + 1) is empty"))
            }
            guard let at = Self.find(search, in: edited, near: 0) else {
                return .failure(Malformed(
                    reason: "malformed edit: search block \(index + 1) does not match the code", expected: search.joined(separator: "\n")))
            }
            edited.replaceSubrange(at..<(at + search.count), with: replace)
        }
        return .success(edited.joined(separator: "\n"))
    }

    // MARK: Unified diff

    struct Hunk {
        var oldStart: Int
        var lines: [(kind: Character, text: String)]
    }

    /// The hunks of a unified diff in `text` (fenced or not), or nil when it holds none.
    static func hunks(in text: String) -> [Hunk]? {
        var hunks: [Hunk] = []
        var current: Hunk?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let header = line.firstMatch(of: /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/) {
                if let current { hunks.append(current) }
                current = Hunk(oldStart: Int(header.output.1) ?? 1, lines: [])
            } else if current != nil, let first = line.first, " -+".contains(first),
                !line.hasPrefix("--- "), !line.hasPrefix("+++ ")
            {
                current?.lines.append((first, String(line.dropFirst())))
            } else if current != nil, line.isEmpty {
                current?.lines.append((" ", ""))
            } else if let hunk = current {
                hunks.append(hunk)
                current = nil
            }
        }
        if let current { hunks.append(current) }
        // Blank lines read as context at the end of a hunk are the fence or prose after it.
        hunks = hunks.map { hunk in
            var hunk = hunk
            while let last = hunk.lines.last, last.kind == " ", last.text.isEmpty { hunk.lines.removeLast() }
            return hunk
        }
        return hunks.isEmpty ? nil : hunks
    }

    private func diff(_ hunks: [Hunk], to code: String) -> Result<String, Malformed> {
        var edited = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var shift = 0
        for (index, hunk) in hunks.enumerated() {
            let old = hunk.lines.filter { $0.kind != "+" }.map(\.text)
            let new = hunk.lines.filter { $0.kind != "-" }.map(\.text)
            let expected = max(0, hunk.oldStart - 1 + shift)
            guard let at = Self.find(old, in: edited, near: expected) else {
                return .failure(Malformed(
                    reason: "malformed edit: hunk \(index + 1) does not match line \(hunk.oldStart)", expected: old.joined(separator: "\n")))
            }
            edited.replaceSubrange(at..<(at + old.count), with: new)
            shift += new.count - old.count + (at - expected)
        }
        return .success(edited.joined(separator: "\n"))
    }

    /// Where `lines` occur in `text`, trailing whitespace ignored, nearest to `near`; nil when nowhere.
    static func find(_ lines: [String], in text: [String], near: Int) -> Int? {
        guard !lines.isEmpty else { return min(near, text.count) }
        guard lines.count <= text.count else { return nil }
        let wanted = lines.map { $0.trimmingTrailingWhitespace() }
        let starts = (0...(text.count - lines.count)).filter { start in
            wanted.indices.allSatisfy { text[start + $0].trimmingTrailingWhitespace() == wanted[$0] }
        }
        return starts.min { abs($0 - near) < abs($1 - near) }
    }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> String {
        var text = String(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
