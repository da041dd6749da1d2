/// How often and how long to wait before retrying a request that failed for a passing reason.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var attempts: Int
    /// Delay before the first retry; it doubles for each further one.
    public var baseDelay: Duration
    /// Longest delay, also for a server's `Retry-After`.
    public var maxDelay: Duration

    public init(attempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30)) {
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The delay before retry number `retry` (1-based): the server's `Retry-After` when it gave one, else
    /// exponential backoff with jitter (a random 50–100 % of it), never above `maxDelay`.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxDelay) }
        let exponential = baseDelay * Int(1 << min(retry - 1, 20))
        return min(exponential, maxDelay) * Double.random(in: 0.5...1)
    }
}
