/// What one sandboxed run did.
public struct PythonExecution: Sendable, Hashable {
    /// How the program's process ended.
    public enum Status: Sendable, Hashable {
        case exited(Int32)
        /// Killed by a signal. Under bubblewrap a child's death by signal `n` arrives as exit status `128 + n`
        /// and is reported here as the signal.
        case signaled(Int32)
    }

    public var status: Status
    /// Up to ``PythonLimits/capturedOutputBytes`` of stdout, decoded as UTF-8 with replacement.
    public var stdout: String
    public var stderr: String
    public var stdoutTruncated: Bool
    public var stderrTruncated: Bool
    public var wallTime: Duration
    /// The limit that ended the run, when one did.
    public var exceeded: PythonLimit?

    public init(
        status: Status, stdout: String, stderr: String, stdoutTruncated: Bool = false,
        stderrTruncated: Bool = false, wallTime: Duration, exceeded: PythonLimit? = nil
    ) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutTruncated = stdoutTruncated
        self.stderrTruncated = stderrTruncated
        self.wallTime = wallTime
        self.exceeded = exceeded
    }
}
