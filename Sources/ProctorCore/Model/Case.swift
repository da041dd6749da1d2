/// One prompt posed to a model, with what its response is graded against.
public struct Case: Sendable, Hashable {
    public var id: String
    public var pattern: Pattern
    public var prompt: String
    /// The system prompt for this case (the case's own, else the suite's).
    public var system: String?
    /// Whether `system` is the case's own, which no suite variant replaces.
    public var hasOwnSystem: Bool
    /// Independent answers to ask a model for (the suite's `samples:`), unless a run says otherwise.
    public var samples: Int?
    /// Wall-clock limit for executing one response.
    public var timeout: Duration
    /// The largest response graded; a larger one is an error before anything is extracted from it.
    public var maxResponseBytes: Int = Case.defaultMaxResponseBytes
    /// How the response is graded: the check type of `pattern`.
    public var check: any CaseCheck
    /// Where the case is defined.
    public var location: SourceLocation
    /// A reference answer, as a model would give it: `proctor validate` proves it passes.
    public var solution: String?
    /// Known-wrong answers: `proctor validate` proves none of them passes.
    public var mutants: [String] = []
    /// Rounds of feedback after a `fail` or `error` answer (0: none), unless a run says otherwise.
    public var repair = 0
    /// Whether grading runs the answer (every shipped pattern but `explain`): only such a case can be repaired.
    public var runsCode = true
    /// The template of the feedback turns; nil uses ``FeedbackTemplate/standard``.
    public var feedback: FeedbackTemplate?
    /// Labels a run can select the case by (`--tag`): the suite's `defaults:` tags, then the case's own.
    public var tags: [String] = []

    public init(
        id: String, pattern: Pattern, prompt: String, system: String? = nil, hasOwnSystem: Bool = false,
        timeout: Duration = .seconds(2), check: any CaseCheck, location: SourceLocation
    ) {
        self.id = id
        self.pattern = pattern
        self.prompt = prompt
        self.system = system
        self.hasOwnSystem = hasOwnSystem
        self.timeout = timeout
        self.check = check
        self.location = location
    }

    /// 1 MiB: far more than any answer to a prompt, far less than what makes the reports large.
    public static let defaultMaxResponseBytes = 1 << 20
}

/// The pattern-specific grading settings of a case, read from its suite keys by the pattern's reader.
public protocol CaseCheck: Sendable, Hashable {
    /// What an answer is judged against, for a person reading a report: the gold query, the tests, the expected
    /// output. None by default.
    var reference: [CaseReference] { get }
}

extension CaseCheck {
    public var reference: [CaseReference] { [] }
}

/// One titled text a case's answers are judged against ("Gold query", "Tests").
public struct CaseReference: Sendable, Hashable {
    public var title: String
    public var text: String

    public init(_ title: String, _ text: String) {
        self.title = title
        self.text = text
    }
}

extension Case {
    public static func == (lhs: Case, rhs: Case) -> Bool {
        lhs.id == rhs.id && lhs.pattern == rhs.pattern && lhs.prompt == rhs.prompt && lhs.system == rhs.system
            && lhs.hasOwnSystem == rhs.hasOwnSystem && lhs.samples == rhs.samples && lhs.timeout == rhs.timeout
            && lhs.maxResponseBytes == rhs.maxResponseBytes && lhs.location == rhs.location
            && lhs.solution == rhs.solution && lhs.mutants == rhs.mutants
            && lhs.repair == rhs.repair && lhs.feedback == rhs.feedback && lhs.tags == rhs.tags
            && AnyHashable(lhs.check) == AnyHashable(rhs.check)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(pattern)
        hasher.combine(AnyHashable(check))
    }
}
