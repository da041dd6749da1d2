/// A limit that ended a run, with the value it had.
public enum PythonLimit: Sendable, Hashable {
    case wallTime(Duration)
    case cpuTime(seconds: Int)
    case memory(bytes: Int)
    case output(bytes: Int)
    case processes(Int)
    case fileSize(bytes: Int)
    case openFiles(Int)
    case scratchSpace(bytes: Int)

    /// One line naming the limit: `timed out after 5 s`, `memory limit 1 GiB exceeded`.
    public var reason: String {
        switch self {
        case .wallTime(let duration): "timed out after \(Self.seconds(duration))"
        case .cpuTime(let seconds): "CPU time limit \(seconds) s exceeded"
        case .memory(let bytes): "memory limit \(Self.bytes(bytes)) exceeded"
        case .output(let bytes): "output limit exceeded (\(Self.bytes(bytes)) of stdout and stderr)"
        case .processes(let count): "process limit \(count) exceeded"
        case .fileSize(let bytes): "file size limit \(Self.bytes(bytes)) exceeded"
        case .openFiles(let count): "open files limit \(count) exceeded"
        case .scratchSpace(let bytes): "scratch space limit \(Self.bytes(bytes)) exceeded"
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        if attoseconds == 0 { return "\(whole) s" }
        let value = Double(whole) + Double(attoseconds) / 1e18
        return "\((value * 1000).rounded() / 1000) s"
    }

    static func bytes(_ count: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where count >= size && count % size == 0 {
            return "\(count / size) \(unit)"
        }
        return "\(count) bytes"
    }
}
