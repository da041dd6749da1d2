/// The judge of one explain case: asked once the other checks pass; it decides, or only advises when its measured
/// agreement is below the case's `min_kappa` (or was never measured).
struct JudgeRole: Sendable {
    let judge: any Judge
    let criteria: JudgeCriteria
    let suite: String
    let caseID: String
    let location: SourceLocation
    /// Why the judge only advises, or nil when it decides.
    let advice: String?

    /// The verdict after the judge, given the other checks' `verdict` (a pass).
    func decide(_ response: String, after verdict: Verdict) async throws -> Verdict {
        let length = response.count
        if length > JudgePrompt.maximumResponse && advice == nil {
            return .fail(
                "the explanation is \(length) characters long; the judge reads at most \(JudgePrompt.maximumResponse)",
                extracted: verdict.extracted, log: verdict.log,
                details: VerdictDetails(kind: "too-long-to-judge"))
        }
        guard length <= JudgePrompt.maximumResponse else { return verdict }
        let outcome = try await JudgeOutcome.ask(
            judge, criteria: criteria, response: response, suite: suite, caseID: caseID, location: location)
        var details = verdict.details
        var log = verdict.log + "\njudge \(judge.identity.model): "
        let said: String
        switch outcome {
        case let .answered(answer, _):
            details.judge = JudgeDetails(
                model: judge.identity.model, verdict: answer.passed ? .pass : .fail, unmet: answer.unmet,
                advisory: advice != nil, usage: outcome.usage)
            details.judge?.settings = judge.identity.settings
            let disagrees = answer.verdict != (answer.passed ? .pass : .fail)
                ? " (its own verdict said \(answer.verdict.rawValue); the criteria decide)" : ""
            said = answer.passed
                ? (criteria.criteria.count == 1 ? "its criterion met" : "all \(criteria.criteria.count) criteria met") + disagrees
                : "not met: " + answer.unmet.map { number in
                    let reason = answer.criteria[number - 1].reason
                    return "\(number). \(criteria.criteria[number - 1])" + (reason.isEmpty ? "" : " (\(reason))")
                }.joined(separator: "; ") + disagrees
            log += said
            for (index, criterion) in answer.criteria.enumerated() {
                log += "\n  \(index + 1). \(criterion.met ? "met" : "not met"): \(criterion.reason)"
            }
        case let .failed(reason, usage):
            details.judge = JudgeDetails(model: judge.identity.model, verdict: .error, advisory: advice != nil, usage: usage)
            details.judge?.settings = judge.identity.settings
            said = reason
            log += reason
        }
        if let advice {
            return Verdict(verdict.outcome, verdict.reason + "; judge (advisory, \(advice)): " + said,
                           extracted: verdict.extracted, log: log, details: details)
        }
        switch outcome {
        case .answered(let answer, _) where answer.passed:
            return .pass(verdict.reason + "; judge: " + said, extracted: verdict.extracted, log: log, details: details)
        case .answered:
            details.kind = "judge-unmet"
            return .fail("judge: " + said, extracted: verdict.extracted, log: log, details: details)
        case .failed:
            details.kind = "judge-error"
            return .error("judge error: " + said, extracted: verdict.extracted, log: log, details: details)
        }
    }
}
