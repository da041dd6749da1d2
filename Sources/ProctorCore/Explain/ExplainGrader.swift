import Foundation

/// Grades `explain` cases: a clean prose explanation that names what it must and nothing it must not.
public struct ExplainGrader: Grader {
    /// Fewest words of prose (outside code blocks) that count as an explanation.
    public static let minimumProseWords = 5
    /// The judge of the cases with `judge:` criteria; nil grades them by their other checks alone.
    public var judge: (any Judge)?
    /// The judges' measured agreement, which decides whether a case's judge decides or advises.
    public var calibrations: JudgeCalibrations

    public init(judge: (any Judge)? = nil, calibrations: JudgeCalibrations = JudgeCalibrations()) {
        self.judge = judge
        self.calibrations = calibrations
    }

    public func prepare(_ testCase: Case, of suite: Suite) async throws -> any CaseGrader {
        guard let check = testCase.check as? ExplainCheck else {
            throw BadInput(.error("case '\(testCase.id)' is not an explain case", at: testCase.location))
        }
        do throws(TermError) {
            var grader = ExplainCaseGrader(
                check: check, mentions: try check.mentions.map(TermMatcher.init), forbids: try check.forbids.map(TermMatcher.init),
                prompt: Set(ExplainCaseGrader.trigrams(of: testCase.prompt)))
            if let criteria = check.judge, let judge {
                grader.judging = JudgeRole(
                    judge: judge, criteria: criteria, suite: suite.name, caseID: testCase.id, location: testCase.location,
                    advice: calibrations.advice(criteria, suite: suite, judge: judge.identity))
            }
            return grader
        } catch {
            throw BadInput(.error("case '\(testCase.id)': \(error.message)", at: testCase.location))
        }
    }

    /// The share of a response's word trigrams taken from its prompt above which it repeats rather than explains.
    public static let maximumRepeatedShare = 0.6
}

/// Grades responses to one explain case.
struct ExplainCaseGrader: CaseGrader {
    let check: ExplainCheck
    let mentions: [TermMatcher]
    let forbids: [TermMatcher]
    /// The prompt's word trigrams.
    let prompt: Set<[String]>
    let detector = RefusalDetector()
    /// The judge of this case, when it has criteria and the run a judge.
    var judging: JudgeRole?

    func grade(_ response: String) async throws -> Verdict {
        let verdict = checked(response)
        guard let judging, verdict.outcome == .pass else { return verdict }
        return try await judging.decide(response, after: verdict)
    }

    /// The verdict of the refusal detector, `mentions` and `forbids`.
    func checked(_ response: String) -> Verdict {
        let prose = Self.prose(of: response)
        var log = "prose words: \(Self.words(in: prose))"
        if check.refusal == .fail, let refusal = detector.refusal(in: response) {
            return .fail("refusal: \"\(refusal)\"", log: log, details: VerdictDetails(kind: "refusal"))
        }
        if Self.words(in: prose) < ExplainGrader.minimumProseWords {
            return .fail(response.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                ? "empty response" : "the response is only code, not an explanation", log: log,
                details: VerdictDetails(kind: "no-explanation"))
        }
        // Inline code that quotes a query or a statement is neither an explanation of its own nor where required terms
        // count; a short span (an identifier such as `students`) is part of the prose.
        let words = Self.withoutInlineCode(prose)
        let trigrams = Self.trigrams(of: words)
        let repeated = trigrams.filter(prompt.contains).count
        if trigrams.count >= 3, Double(repeated) / Double(trigrams.count) > ExplainGrader.maximumRepeatedShare {
            log += "\nword trigrams from the prompt: \(repeated) of \(trigrams.count)"
            return .fail("the response repeats the prompt", log: log, details: VerdictDetails(kind: "repeats-prompt"))
        }
        let missing = mentions.filter { !$0.matches(words) }.map(\.term)
        let present = forbids.filter { $0.matches(prose) }.map(\.term)
        log += "\nmentions: \(check.mentions.map { "\($0) \(missing.contains($0) ? "missing" : "found")" }.joined(separator: ", "))"
        if !present.isEmpty { log += "\nforbidden: \(present.joined(separator: ", "))" }
        if !missing.isEmpty {
            return .fail("does not mention \(missing.map { "\"\($0)\"" }.joined(separator: ", "))", log: log,
                         details: VerdictDetails(kind: "missing-terms", expected: missing.joined(separator: "\n")))
        }
        if !present.isEmpty {
            return .fail("mentions forbidden \(present.map { "\"\($0)\"" }.joined(separator: ", "))", log: log,
                         details: VerdictDetails(kind: "forbidden-terms", got: present.joined(separator: "\n")))
        }
        return .pass(check.mentions.isEmpty ? "explanation given" : "mentions all of \(check.mentions.count) terms",
                     log: log, details: VerdictDetails(kind: "passed"))
    }

    /// The response without its fenced code blocks, or the whole response when it has none but looks like
    /// code only (then it counts as no prose at all).
    static func prose(of response: String) -> String {
        let (blocks, outside) = FencedBlock.parse(response)
        if blocks.isEmpty && looksLikeCodeOnly(response) { return "" }
        return outside
    }

    /// `text` without its inline code spans (`` `...` ``) of three words or more.
    static func withoutInlineCode(_ text: String) -> String {
        text.replacing(/`+([^`\n]*)`+/) { match in
            words(in: String(match.output.1)) >= 3 ? " " : String(match.output.1)
        }
    }

    /// The text's runs of three consecutive words, case-folded.
    static func trigrams(of text: String) -> [[String]] {
        let words = TermMatcher.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard words.count >= 3 else { return [] }
        return (0...(words.count - 3)).map { Array(words[$0..<($0 + 3)]) }
    }

    static func words(in text: String) -> Int {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
            .filter { $0.contains(where: \.isLetter) }.count
    }

    /// A response with no fences whose every non-blank line reads as SQL or Python rather than sentences.
    static func looksLikeCodeOnly(_ text: String) -> Bool {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return true }
        let starters = ["select", "with", "from", "where", "join", "left", "right", "inner", "group", "order",
                        "having", "limit", "union", "and", "or", "on", "def", "import", "return", "for", "if",
                        "print(", "class", "--", "#", ")", "(", "insert", "update", "delete", "create", "else"]
        let codeLines = lines.filter { line in
            let lower = line.lowercased()
            let startsLikeCode = starters.contains { lower.hasPrefix($0 + " ") || lower == $0 || ($0.last == "(" && lower.hasPrefix($0)) || ($0.count == 1 && lower.hasPrefix($0)) || lower.hasPrefix("--") }
            let endsLikeCode = line.hasSuffix(";") || line.hasSuffix(",") || line.hasSuffix(":") || line.hasSuffix(")")
            let sentence = line.contains(". ") || (line.hasSuffix(".") && words(in: line) > 3)
            return (startsLikeCode || endsLikeCode) && !sentence
        }
        return codeLines.count == lines.count
    }
}
