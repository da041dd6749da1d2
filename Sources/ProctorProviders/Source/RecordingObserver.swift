import ProctorCore

/// What recording tells its caller while it asks a model; the library never prints, the caller decides how to
/// show it (progress, each retry and why).
public protocol RecordingObserver: Sendable {
    /// Asking starts: `requests` requests of `model` (once per model of a run).
    func asking(requests: Int, model: String)
    /// The answer for `sample` was recorded.
    func answered(_ sample: SampleKey)
    /// The answer of repair round `round` of `sample` was recorded, while grading.
    func answered(_ sample: SampleKey, round: Int)
    /// The answer for `sample` (`round` 1, or a repair round) was appended to the cassette at `file`.
    func recorded(_ sample: SampleKey, round: Int, in file: String)
    /// An attempt at `sample` failed for a passing reason and will be retried.
    func retrying(_ sample: SampleKey, _ retry: ChatRetry)
}

extension RecordingObserver {
    public func asking(requests: Int, model: String) {}
    public func answered(_ sample: SampleKey) {}
    public func answered(_ sample: SampleKey, round: Int) {}
    public func recorded(_ sample: SampleKey, round: Int, in file: String) {}
    public func retrying(_ sample: SampleKey, _ retry: ChatRetry) {}
}
