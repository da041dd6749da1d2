import ProctorCore

/// How a case's neighbours are made, as the cache keeps it: each neighbour's mutations and a digest of the
/// gold's answer on it, and what validate says about them.
struct NeighbourPlan: Sendable, Codable {
    struct Entry: Sendable, Codable {
        var mutations: [Mutation]
        /// ``NeighbourPlan/digest(of:)`` of the gold's result on this neighbour, checked when it is rebuilt.
        var goldDigest: String
    }

    /// The format; an entry of another version is rebuilt.
    static let version = 1

    var version = Self.version
    /// The cache key it was built for.
    var key: String
    var entries: [Entry]
    /// Gold variants generated, and how many the case's own databases already tell apart.
    var variants: Int
    var toldByDatabases: Int
    /// Labels of the variants (and targets) no database or neighbour tells apart.
    var untold: [String]

    /// A digest of a result's columns and typed values.
    static func digest(of result: ResultSet) -> String {
        var text = result.columns.joined(separator: "\u{1}") + "\n"
        for row in result.rows {
            for value in row {
                switch value {
                case .null: text += "n"
                case .integer(let n): text += "i\(n)"
                case .real(let x): text += "r\(x.bitPattern)"
                case .text(let s): text += "t\(s.utf8.count):\(s)"
                case .blob(let b): text += "b\(b.count):" + b.map { String($0) }.joined(separator: ",")
                }
                text += "\u{1}"
            }
            text += "\n"
        }
        return SHA256.hex(text)
    }
}
