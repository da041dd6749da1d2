/// An attempt that failed for a passing reason and is retried: what happened, and when the next one starts.
public struct ChatRetry: Sendable, Hashable {
    /// The attempt that failed (1-based), of `attempts` in all.
    public var attempt: Int
    public var attempts: Int
    /// Why, in one line: `timed out`, `HTTP 503: …`, `the connection was dropped`. Never holds the API key.
    public var problem: String
    /// Whether the attempt ran out of its time (the client's `timeout`).
    public var timedOut: Bool
    /// How long one attempt may take.
    public var timeout: Duration
    /// The wait before the next attempt.
    public var delay: Duration

    public init(attempt: Int, attempts: Int, problem: String, timedOut: Bool, timeout: Duration, delay: Duration) {
        self.attempt = attempt
        self.attempts = attempts
        self.problem = problem
        self.timedOut = timedOut
        self.timeout = timeout
        self.delay = delay
    }
}
