import Foundation
import ProctorCore

/// Proves that each case's checks tell right from wrong: its `solution` passes (in time to spare), none of its
/// `mutants` passes, and nothing it is measured against reads the clock or randomness.
struct SelfCheck {
    let registry: PatternRegistry
    /// Whether reading the clock or randomness is an error rather than a warning.
    let strict: Bool

    /// Warnings and notes about the suites; throws `BadInput` with every case whose checks do not hold.
    func run(_ suites: [Suite], prepared: PreparedSuites) async throws -> [Diagnostic] {
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let clock = ContinuousClock()
        for suite in suites {
            for testCase in suite.cases {
                let name = "case '\(testCase.id)'"
                let definition = registry.patterns.first { $0.pattern == testCase.pattern }
                let references = (definition?.references(of: testCase) ?? []).map { ("gold", $0) }
                for (what, text) in references + (testCase.solution.map { [("solution", $0)] } ?? []) {
                    guard let found = Nondeterminism.first(in: text) else { continue }
                    let diagnostic = Diagnostic(
                        strict ? .error : .warning, "\(name): its \(what) reads the clock or randomness (\(found))",
                        at: testCase.location, hint: "make it deterministic: the verdict must not depend on when or how often it runs")
                    if strict { errors.append(diagnostic) } else { warnings.append(diagnostic) }
                }
                guard let grader = prepared.grader(for: CaseKey(suite: suite.name, caseID: testCase.id)) else { continue }
                if let solution = testCase.solution {
                    let start = clock.now
                    let verdict = try await grader.grade(solution)
                    let took = clock.now - start
                    if verdict.outcome != .pass {
                        errors.append(.error(
                            "\(name): its solution does not pass: \(verdict.outcome.rawValue): \(verdict.reason)",
                            at: testCase.location, hint: "fix the solution or the case's checks"))
                    } else if testCase.timeout < max(.seconds(1), took * 4) {
                        warnings.append(.warning(
                            "\(name): its timeout \(Self.seconds(testCase.timeout)) is below max(1 s, 4 × the solution's \(Self.seconds(took)))",
                            at: testCase.location, hint: "raise `timeout:` so a slower machine does not fail right answers"))
                    }
                }
                for (index, mutant) in testCase.mutants.enumerated() {
                    let verdict = try await grader.grade(mutant)
                    if verdict.outcome == .pass {
                        errors.append(.error(
                            "\(name): mutant \(index + 1) passes" + (verdict.reason == "pass" || verdict.reason == "ok" ? "" : " (\(verdict.reason))"), at: testCase.location,
                            hint: "the checks cannot tell this wrong answer from a right one: tighten them"))
                    } else if verdict.outcome == .error {
                        warnings.append(.warning(
                            "\(name): mutant \(index + 1) is an error (\(verdict.reason)), not a fail: it never reached the checks",
                            at: testCase.location, hint: "write a mutant that runs and gives a wrong answer"))
                    }
                }
            }
        }
        if !errors.isEmpty { throw BadInput(errors + warnings) }
        return warnings
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        return String(format: "%.2f s", Double(whole) + Double(fraction) / 1e18)
    }
}
