/// A least pass rate for the whole run, one suite or one pattern.
public struct PassRateGate: Sendable, Hashable {
    public enum Scope: Sendable, Hashable, CustomStringConvertible {
        case overall
        case suite(String)
        case pattern(Pattern)

        public var description: String {
            switch self {
            case .overall: "overall"
            case .suite(let name): "suite \(name)"
            case .pattern(let pattern): "pattern \(pattern.rawValue)"
            }
        }
    }

    public var scope: Scope
    /// From 0 to 1.
    public var minimum: Double
    /// Where the gate was set, when a file set it (a run configuration's `gates:`).
    public var origin: SourceLocation?

    public init(_ scope: Scope, minimum: Double, origin: SourceLocation? = nil) {
        self.scope = scope
        self.minimum = minimum
        self.origin = origin
    }

    /// Whether `result` is in the gate's scope.
    public func covers(_ result: GradedSample) -> Bool {
        switch scope {
        case .overall: true
        case .suite(let name): result.sample.suite == name
        case .pattern(let pattern): result.pattern == pattern
        }
    }
}
