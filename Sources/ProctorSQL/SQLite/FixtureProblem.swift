/// Why a fixture could not be built; becomes a `BadInput` located at each case that uses it.
struct FixtureProblem: Error, Sendable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
