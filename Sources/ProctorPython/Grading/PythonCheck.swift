import ProctorCore

/// How a `comments-to-code` or `completion` case is graded: the program runs in the Python sandbox, then its tests.
public struct PythonCheck: CaseCheck {
    /// Python source run statement by statement after the program, in its namespace; nil runs no tests.
    public var tests: String?
    /// Standard input of the program.
    public var stdin: String
    /// Texts that must each appear in the program's stdout.
    public var stdoutContains: [String]
    /// Regular expressions (anchors match at line boundaries) that must each match somewhere in stdout.
    public var stdoutMatches: [String]
    /// Whether undefined names are reported, without running the program, as a failure.
    public var lint: Bool
    /// The function the tests call, set when the response completes the prompt (`completion`): a response that
    /// restates its `def` replaces the prompt's; without it the response is a whole program.
    public var entryPoint: String?

    /// Whether only `tests` judge the program (every completion; a program without stdin or stdout checks): it is
    /// then imported as the module `solution`, as HumanEval's grader does, rather than run as a script.
    public var judgedByTestsAlone: Bool {
        tests != nil && (entryPoint != nil || (stdin.isEmpty && stdoutContains.isEmpty && stdoutMatches.isEmpty))
    }

    public init(
        tests: String? = nil, stdin: String = "", stdoutContains: [String] = [], stdoutMatches: [String] = [],
        lint: Bool = false, entryPoint: String? = nil
    ) {
        self.tests = tests
        self.stdin = stdin
        self.stdoutContains = stdoutContains
        self.stdoutMatches = stdoutMatches
        self.lint = lint
        self.entryPoint = entryPoint
    }
}

extension PythonCheck {
    public var reference: [CaseReference] {
        var parts: [CaseReference] = []
        if !stdin.isEmpty { parts.append(CaseReference("Standard input", stdin)) }
        if let tests { parts.append(CaseReference("Tests", tests)) }
        if !stdoutContains.isEmpty {
            parts.append(CaseReference("Output must contain", stdoutContains.joined(separator: "\n")))
        }
        if !stdoutMatches.isEmpty {
            parts.append(CaseReference("Output must match (regular expressions)", stdoutMatches.joined(separator: "\n")))
        }
        return parts
    }
}
