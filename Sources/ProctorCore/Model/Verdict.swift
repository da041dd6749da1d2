/// The grade of one sample.
public struct Verdict: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        /// The code ran and gave the right answer (or the explanation is acceptable).
        case pass
        /// The code ran and gave a wrong answer (or the explanation is not acceptable).
        case fail
        /// The response could not be executed: no code, syntax error, forbidden statement, timeout, limit.
        case error
    }

    public var outcome: Outcome
    /// One line a human understands.
    public var reason: String
    /// The code taken from the response, when any was found.
    public var extracted: String?
    /// What the executor saw, for the scorecard's system-out.
    public var log: String
    /// The verdict's parts: failing statement, traceback tail, expected and got.
    public var details = VerdictDetails()

    public init(
        _ outcome: Outcome, _ reason: String, extracted: String? = nil, log: String = "", details: VerdictDetails = VerdictDetails()
    ) {
        self.outcome = outcome
        self.reason = reason
        self.extracted = extracted
        self.log = log
        self.details = details
    }

    /// This verdict with `details`.
    public func with(_ details: VerdictDetails) -> Verdict {
        var verdict = self
        verdict.details = details
        return verdict
    }

    public static func pass(
        _ reason: String = "ok", extracted: String? = nil, log: String = "", details: VerdictDetails = VerdictDetails()
    ) -> Verdict {
        Verdict(.pass, reason, extracted: extracted, log: log, details: details)
    }

    public static func fail(
        _ reason: String, extracted: String? = nil, log: String = "", details: VerdictDetails = VerdictDetails()
    ) -> Verdict {
        Verdict(.fail, reason, extracted: extracted, log: log, details: details)
    }

    public static func error(
        _ reason: String, extracted: String? = nil, log: String = "", details: VerdictDetails = VerdictDetails()
    ) -> Verdict {
        Verdict(.error, reason, extracted: extracted, log: log, details: details)
    }
}
