/// What asking a judge about one explanation gave: its parsed answer, or why there is none.
public enum JudgeOutcome: Sendable {
    case answered(JudgeAnswer, usage: Usage?)
    /// No usable answer: the judge was unreachable, or its answer could not be read.
    case failed(String, usage: Usage?)

    /// Asks `judge` whether `response` meets `criteria`.
    public static func ask(
        _ judge: any Judge, criteria: JudgeCriteria, response: String, suite: String, caseID: String,
        location: SourceLocation? = nil
    ) async throws -> JudgeOutcome {
        let request = JudgeRequest(
            suite: suite, caseID: caseID, message: JudgePrompt.message(criteria, response: response), location: location)
        switch try await judge.answer(request) {
        case let .unreachable(reason):
            return .failed("the judge could not be asked: \(reason)", usage: nil)
        case let .answered(text, usage):
            switch JudgeAnswer.parse(text, criteria: criteria.criteria.count) {
            case let .success(answer): return .answered(answer, usage: usage)
            case let .failure(error): return .failed("the judge's answer is unusable: \(error.message)", usage: usage)
            }
        }
    }

    /// Pass, fail, or error (the judge's).
    public var outcome: Verdict.Outcome {
        switch self {
        case let .answered(answer, _): answer.passed ? .pass : .fail
        case .failed: .error
        }
    }

    public var usage: Usage? {
        switch self {
        case let .answered(_, usage), let .failed(_, usage): usage
        }
    }
}
