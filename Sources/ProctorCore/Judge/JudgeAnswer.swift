import Foundation

/// A judge's answer, parsed: whether each criterion is met, and the verdict it gave.
public struct JudgeAnswer: Sendable, Hashable {
    public struct Criterion: Sendable, Hashable {
        public var met: Bool
        public var reason: String
    }

    /// The judge's own `verdict`, which the criteria overrule when they disagree.
    public var verdict: Verdict.Outcome
    /// By criterion, in the case's order.
    public var criteria: [Criterion]

    /// Whether every criterion is met: what decides.
    public var passed: Bool { criteria.allSatisfy(\.met) }

    /// The 1-based numbers of the criteria not met.
    public var unmet: [Int] { criteria.indices.filter { !criteria[$0].met }.map { $0 + 1 } }

    /// Parses `text`: one JSON object, bare or in a fenced block, with `verdict` and one entry per criterion
    /// (1…`count`, each once). The error says what is wrong, for the judge's `error` verdict.
    public static func parse(_ text: String, criteria count: Int) -> Result<JudgeAnswer, JudgeAnswerError> {
        guard let object = jsonObject(in: text) else {
            let candidates = [text] + FencedBlock.parse(text).blocks.map(\.code)
            for candidate in candidates {
                let trimmed = candidate.trimmingCharacters(in: .whitespacesAndNewlines)
                guard trimmed.hasPrefix("{"), (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) != nil,
                    let key = StrictJSON.duplicateKey(trimmed)
                else { continue }
                return .failure(JudgeAnswerError("key \"\(key)\" given twice in one object"))
            }
            return .failure(JudgeAnswerError("not one JSON object"))
        }
        guard let verdictText = object["verdict"] as? String,
            let verdict = Verdict.Outcome(rawValue: verdictText.lowercased()), verdict != .error
        else {
            return .failure(JudgeAnswerError("\"verdict\" is not \"pass\" or \"fail\""))
        }
        guard let entries = object["criteria"] as? [Any] else {
            return .failure(JudgeAnswerError("no \"criteria\" list"))
        }
        var found: [Int: Criterion] = [:]
        for entry in entries {
            guard let fields = entry as? [String: Any], let criterion = fields["criterion"] as? NSNumber,
                !["c", "d", "f"].contains(String(cString: criterion.objCType)), let number = Int(exactly: criterion.doubleValue),
                let met = fields["met"] as? NSNumber, String(cString: met.objCType) == "c"
            else {
                return .failure(JudgeAnswerError("a criterion without a number and a true/false \"met\""))
            }
            guard (1...max(1, count)).contains(number), count > 0 else {
                return .failure(JudgeAnswerError("criterion \(number) does not exist (there are \(count))"))
            }
            guard found[number] == nil else { return .failure(JudgeAnswerError("criterion \(number) answered twice")) }
            found[number] = Criterion(met: met.boolValue, reason: (fields["reason"] as? String) ?? "")
        }
        let missing = (1...max(1, count)).filter { found[$0] == nil }
        guard missing.isEmpty else {
            return .failure(JudgeAnswerError("criterion \(missing[0]) not answered"))
        }
        let answer = JudgeAnswer(verdict: verdict, criteria: (1...count).compactMap { found[$0] })
        // A judge that fails what it says meets every criterion contradicts itself: no pass comes of that.
        if verdict == .fail && answer.passed {
            return .failure(JudgeAnswerError("\"verdict\" is fail, yet every criterion is met"))
        }
        return .success(answer)
    }

    /// The text's one JSON object: the whole text, else the one fenced block that holds an object.
    private static func jsonObject(in text: String) -> [String: Any]? {
        func object(_ candidate: String) -> [String: Any]? {
            let trimmed = candidate.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.hasPrefix("{"), !StrictJSON.hasDuplicateKeys(trimmed) else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any]
        }
        if let whole = object(text) { return whole }
        let objects = FencedBlock.parse(text).blocks.compactMap { object($0.code) }
        return objects.count == 1 ? objects[0] : nil
    }
}

/// Why a judge's answer could not be read.
public struct JudgeAnswerError: Error, Sendable, Hashable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
