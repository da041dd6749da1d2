import ArgumentParser
import ProctorCore
import ProctorRun

/// The gate flags `run` and `merge` share: pass rates, and regressions against a baseline.
struct GateOptions: ParsableArguments {
    @Option(name: .customLong("min-pass-rate"),
            help: ArgumentHelp("Exit 1 when the overall pass rate (of each model and variant) is below this (0...1).",
                               valueName: "rate"))
    var minPassRate: Double?

    @Option(name: .customLong("min-pass-rate-suite"), help: ArgumentHelp(
        "Exit 1 when a suite's pass rate is below R: NAME=R; repeat for several (also a suite's `min_pass_rate:`).",
        valueName: "name=rate"))
    var minPassRateSuite: [String] = []

    @Option(name: .customLong("min-pass-rate-pattern"), help: ArgumentHelp(
        "Exit 1 when a pattern's pass rate is below R: PATTERN=R (e.g. sql=0.8); repeat for several.",
        valueName: "pattern=rate"))
    var minPassRatePattern: [String] = []

    @Option(help: ArgumentHelp(
        "A results file of an earlier run: samples that passed there and have no passing answer now are regressions.",
        valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("max-regressions"), help: ArgumentHelp(
        "Exit 1 when more samples than this regressed against --baseline (default 0).", valueName: "n"))
    var maxRegressions: Int?

    /// Whether any gate flag is given.
    var isEmpty: Bool {
        minPassRate == nil && minPassRateSuite.isEmpty && minPassRatePattern.isEmpty && baseline == nil
            && maxRegressions == nil
    }

    func validate() throws {
        if maxRegressions != nil && baseline == nil { throw ValidationError("--max-regressions needs --baseline FILE") }
        if let maxRegressions, maxRegressions < 0 { throw ValidationError("--max-regressions must be 0 or more") }
        _ = try passRates(patterns: PatternRegistry.shipped.names)
    }

    /// The gates these flags set (the baseline read), plus `more` (e.g. `--config`'s).
    func gates(patterns: [Pattern], more: [PassRateGate] = []) throws -> Gates {
        var gates = Gates(passRates: try passRates(patterns: patterns) + more)
        if let baseline {
            gates.baseline = try Gates.readBaseline(baseline)
            gates.maxRegressions = maxRegressions ?? 0
        }
        return gates
    }

    /// Overall, then per suite and per pattern; a usage error for a malformed one.
    private func passRates(patterns: [Pattern]) throws -> [PassRateGate] {
        if let minPassRate, !(0...1).contains(minPassRate) {
            throw ValidationError("--min-pass-rate must be between 0 and 1, e.g. 0.8")
        }
        var gates = minPassRate.map { [PassRateGate(.overall, minimum: $0)] } ?? []
        let parsed = minPassRateSuite.map { Gates.parse($0, flag: "--min-pass-rate-suite", scope: { .suite($0) }) }
            + minPassRatePattern.map {
                Gates.parse($0, flag: "--min-pass-rate-pattern", scope: { .pattern(Pattern($0)) }, patterns: patterns)
            }
        for gate in parsed {
            switch gate {
            case .success(let gate): gates.append(gate)
            case .failure(let error): throw ValidationError(error.message)
            }
        }
        return gates
    }
}
