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

    public init(_ scope: Scope, minimum: Double) {
        self.scope = scope
        self.minimum = minimum
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
