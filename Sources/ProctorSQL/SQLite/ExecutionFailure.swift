/// Why a query could not give a result: a verdict of `.error` for a candidate, a suite problem for a gold query.
enum ExecutionFailure: Error, Sendable, Equatable {
    case noStatement
    case notAllowed(String)
    case severalStatements
    case sqlite(String)
    case timedOut(Duration)
    case tooManyRows(Int)
    case tooLarge(Int)
    case outOfMemory

    /// One line a human understands.
    var reason: String {
        switch self {
        case .noStatement: "no SQL query in the response"
        case .notAllowed(let what): "not allowed: \(what)"
        case .severalStatements: "several statements; only one query is allowed"
        case .sqlite(let message): "SQLite error: \(message)"
        case .timedOut(let limit): "timed out after \(Self.seconds(limit)) s"
        case .tooManyRows(let limit): "more than \(limit) rows"
        case .tooLarge(let limit): "result larger than \(limit >> 20) MB"
        case .outOfMemory: "out of memory"
        }
    }

    /// `2`, `0.5`: seconds without a needless fraction.
    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        if attoseconds == 0 { return String(whole) }
        return (Double(whole) + Double(attoseconds) / 1e18).description
    }
}
