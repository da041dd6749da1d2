import ArgumentParser
import ProctorCore
import ProctorRun

/// The pass-rate gate flags `run` and `merge` share.
struct PassRateOptions: ParsableArguments {
    @Option(name: .customLong("min-pass-rate"),
            help: ArgumentHelp("Exit 1 when the overall pass rate is below this (0...1).", valueName: "rate"))
    var minPassRate: Double?

    @Option(name: .customLong("min-pass-rate-suite"), help: ArgumentHelp(
        "Exit 1 when a suite's pass rate is below R: NAME=R; repeat for several (also a suite's `min_pass_rate:`).",
        valueName: "name=rate"))
    var minPassRateSuite: [String] = []

    @Option(name: .customLong("min-pass-rate-pattern"), help: ArgumentHelp(
        "Exit 1 when a pattern's pass rate is below R: PATTERN=R (e.g. sql=0.8); repeat for several.",
        valueName: "pattern=rate"))
    var minPassRatePattern: [String] = []

    /// The gates these flags set: overall, then per suite and per pattern; a usage error for a malformed one.
    func gates(patterns: [Pattern]) throws -> Gates {
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
        return Gates(passRates: gates)
    }
}
