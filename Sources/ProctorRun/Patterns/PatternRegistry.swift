import ProctorCore
import ProctorSuites

/// The patterns a run knows, in the order suites' hints list them.
public struct PatternRegistry: Sendable {
    public var patterns: [any PatternDefinition]

    public init(_ patterns: [any PatternDefinition]) {
        self.patterns = patterns
    }

    /// The patterns Proctor ships. A new pattern is a folder beside these and one line here (docs/patterns.md).
    public static let shipped = PatternRegistry([
        SQLPattern(),
        ExplainPattern(),
        CommentsToCodePattern(),
        CompletionPattern(),
        EditPattern(),
        DebugPattern(),
    ])

    /// Their names.
    public var names: [Pattern] { patterns.map(\.pattern) }

    /// A suite loader that reads these patterns.
    public var suiteLoader: SuiteLoader { SuiteLoader(readers: patterns) }

    /// A run-configuration loader whose gates may name these patterns.
    public var configurationLoader: RunConfigurationLoader { RunConfigurationLoader(patterns: names) }

    /// The graders of the patterns `suites` use (a pattern no case uses starts nothing).
    public func graders(for suites: [Suite], in context: GraderContext) throws -> [Pattern: any Grader] {
        let used = Set(suites.flatMap { $0.cases.map(\.pattern) })
        var graders: [Pattern: any Grader] = [:]
        for definition in patterns where used.contains(definition.pattern) {
            graders[definition.pattern] = try definition.grader(in: context)
        }
        return graders
    }
}
