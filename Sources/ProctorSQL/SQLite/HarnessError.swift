/// SQLite failed where only a broken environment can make it fail (opening an in-memory database).
struct HarnessError: Error, Sendable, CustomStringConvertible {
    var description: String
}
