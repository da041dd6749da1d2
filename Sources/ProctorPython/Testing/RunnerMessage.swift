/// The kinds of line the test runner reports, defined once: the Python side gets them as `_K_<NAME>` constants.
enum RunnerMessage: String, CaseIterable, Sendable {
    /// The program is about to run.
    case ready
    /// The program's module code ran to its end (or raised `SystemExit` with status 0).
    case programDone = "program-done"
    /// Test statement I (from 1) ran to its end.
    case ok
    /// Every one of N test statements passed; final.
    case passed
    /// Test statement I raised: its line and the exception; final.
    case failed
    /// The program raised before the tests: the exception and where; final.
    case crashed
    /// The program raised `SystemExit` with another status than 0: the status; final.
    case exited
    /// The linter found undefined names; final.
    case lint
    /// The program read the runner's internals: what it did; final.
    case tampered
    /// The tests did not compile; final.
    case invalidTests = "invalid-tests"
    /// The tests compile to N statements (the `plan` mode, which runs no program); final.
    case plan

    /// How many fields a line of this kind carries.
    var arity: Int {
        switch self {
        case .ready, .programDone: 0
        case .failed: 3
        case .crashed: 2
        default: 1
        }
    }

    var isFinal: Bool {
        switch self {
        case .ready, .programDone, .ok: false
        default: true
        }
    }

    var pythonName: String { "_K_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_") }

    /// `_K_READY = 'ready'` and so on, one line each.
    static var pythonDefinitions: String {
        allCases.map { "\($0.pythonName) = '\($0.rawValue)'\n" }.joined()
    }
}
