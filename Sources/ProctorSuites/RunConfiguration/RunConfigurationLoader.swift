import Foundation
import ProctorCore
import Yams

/// Reads a run configuration file, reporting every problem with its line.
///
/// ```yaml
/// models:
///   - model: llama3.1:8b
///     base_url: http://127.0.0.1:11434/v1
///     temperature: 0
///   - model: gpt-4o-mini
///     api_key_env: OPENAI_API_KEY
///     price_input: 0.15
///     price_output: 0.6
/// variants: [python-only, explain-ok]
/// judge: {model: gpt-4o, price_input: 2.5, price_output: 10}
/// gates:
///   min_pass_rate: 0.7
///   suites: {school: 0.8}
///   patterns: {sql: 0.75}
/// ```
public struct RunConfigurationLoader: Sendable {
    public static let topKeys: Set<String> = ["models", "variants", "gates", "judge"]
    static let gateKeys: Set<String> = ["min_pass_rate", "suites", "patterns"]
    static let modelKeys: Set<String> = [
        "model", "base_url", "api_key_env", "temperature", "top_p", "max_tokens", "seed", "stop", "samples_per_case",
        "fold_system_prompt", "price_input", "price_output",
    ]

    /// A judge's keys: a model's, but for those that shape how a model under test is asked.
    static let judgeKeys = modelKeys.subtracting(["samples_per_case", "fold_system_prompt"])

    /// The patterns a gate in `gates: patterns:` may name.
    public var patterns: [Pattern]

    public init(patterns: [Pattern]) {
        self.patterns = patterns
    }

    public func load(path: String) throws -> RunConfiguration {
        let root = try YAMLFile.root(
            of: URL(fileURLWithPath: path), path: path, what: "run configuration",
            emptyHint: "list the models under `models:`")
        var reader = Reader(path: path, patterns: patterns)
        let configuration = reader.configuration(root)
        if !reader.diagnostics.isEmpty { throw BadInput(reader.diagnostics) }
        guard let configuration else { throw BadInput(.error("invalid run configuration", at: SourceLocation(file: path))) }
        return configuration
    }

    private struct Reader: NodeReading {
        let path: String
        let patterns: [Pattern]
        var diagnostics: [Diagnostic] = []

        mutating func configuration(_ root: Node) -> RunConfiguration? {
            guard let mapping = root.mapping else {
                error("a run configuration must be a mapping with `models:`", at: root)
                return nil
            }
            check(mapping, allowed: RunConfigurationLoader.topKeys, what: "the run configuration")
            guard let modelsNode = mapping["models"], let list = modelsNode.sequence, !list.isEmpty else {
                error("`models` must list at least one model", at: mapping["models"] ?? root,
                      hint: "e.g. models: [{model: gpt-4o-mini}]")
                return nil
            }
            let models = list.compactMap { model($0) }
            var seen: Set<String> = []
            for (model, node) in zip(models, list) where !seen.insert(model.model).inserted {
                error("model '\(model.model)' is listed twice", at: node)
            }
            let variants = mapping["variants"].map { strings($0, key: "variants") } ?? []
            if Set(variants).count != variants.count, let node = mapping["variants"] { error("a variant is listed twice", at: node) }
            var configuration = RunConfiguration(models: models, variants: variants)
            if let gatesNode = mapping["gates"] { configuration.gates = gates(gatesNode) }
            configuration.judge = mapping["judge"].flatMap { model($0, what: "the judge") }
            return configuration
        }

        mutating func gates(_ node: Node) -> [PassRateGate] {
            guard let mapping = node.mapping else {
                error("`gates` must be a mapping (min_pass_rate, suites, patterns)", at: node)
                return []
            }
            check(mapping, allowed: RunConfigurationLoader.gateKeys, what: "gates")
            var gates: [PassRateGate] = []
            if let overall = mapping["min_pass_rate"].flatMap({ number($0, key: "min_pass_rate", in: 0...1) }) {
                gates.append(PassRateGate(.overall, minimum: overall))
            }
            for (key, scope) in [("suites", "suite"), ("patterns", "pattern")] {
                guard let node = mapping[key] else { continue }
                guard let entries = node.mapping else {
                    error("`\(key)` must map names to pass rates", at: node)
                    continue
                }
                for (nameNode, rateNode) in entries {
                    guard let name = string(nameNode, key: key), let rate = number(rateNode, key: key, in: 0...1) else { continue }
                    if scope == "suite" {
                        gates.append(PassRateGate(.suite(name), minimum: rate, origin: location(of: nameNode)))
                    } else if patterns.contains(Pattern(name)) {
                        gates.append(PassRateGate(.pattern(Pattern(name)), minimum: rate, origin: location(of: nameNode)))
                    } else {
                        error("unknown pattern '\(name)' in `gates`", at: nameNode,
                              hint: "one of: \(patterns.map(\.rawValue).joined(separator: ", "))")
                    }
                }
            }
            return gates
        }

        /// A model entry; `what` names it in messages (`a model`, `the judge`).
        mutating func model(_ node: Node, what: String = "a model") -> RunConfiguration.Model? {
            guard let mapping = node.mapping else {
                error("\(what) must be a mapping with `model:`", at: node)
                return nil
            }
            let judge = what == "the judge"
            check(mapping, allowed: judge ? RunConfigurationLoader.judgeKeys : RunConfigurationLoader.modelKeys, what: what)
            guard let name = mapping["model"].flatMap({ string($0, key: "model") }), !name.isEmpty else {
                error("\(what) needs `model:` (the name the server knows it by)", at: node)
                return nil
            }
            if let url = mapping["base_url"].flatMap({ string($0, key: "base_url") }),
                !(url.hasPrefix("http://") || url.hasPrefix("https://")), let urlNode = mapping["base_url"]
            {
                error("`base_url` must be an http or https URL", at: urlNode)
            }
            let priceInput = mapping["price_input"].flatMap { number($0, key: "price_input", in: 0...1e6) }
            let priceOutput = mapping["price_output"].flatMap { number($0, key: "price_output", in: 0...1e6) }
            if (priceInput == nil) != (priceOutput == nil) {
                error("give both `price_input` and `price_output`", at: node)
            }
            return RunConfiguration.Model(
                model: name, baseURL: mapping["base_url"].flatMap { string($0, key: "base_url") },
                apiKeyEnv: mapping["api_key_env"].flatMap { string($0, key: "api_key_env") },
                temperature: mapping["temperature"].flatMap { number($0, key: "temperature", in: 0...2) },
                topP: mapping["top_p"].flatMap { number($0, key: "top_p", in: 0...1) },
                maxTokens: mapping["max_tokens"].flatMap { whole($0, key: "max_tokens") },
                seed: mapping["seed"].flatMap { whole($0, key: "seed", minimum: Int.min) },
                stop: mapping["stop"].map { strings($0, key: "stop") } ?? [],
                samplesPerCase: mapping["samples_per_case"].flatMap { whole($0, key: "samples_per_case") },
                foldSystemPrompt: mapping["fold_system_prompt"].flatMap { boolean($0, key: "fold_system_prompt") } ?? false,
                priceInput: priceInput, priceOutput: priceOutput,
                location: location(of: node))
        }

        mutating func number(_ node: Node, key: String, in range: ClosedRange<Double>) -> Double? {
            guard let text = scalar(node, key: key) else { return nil }
            guard let value = Double(text), range.contains(value) else {
                error("`\(key)` must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'", at: node)
                return nil
            }
            return value
        }

        mutating func whole(_ node: Node, key: String, minimum: Int = 1) -> Int? {
            guard let text = scalar(node, key: key) else { return nil }
            guard let value = Int(text), value >= minimum else {
                error("`\(key)` must be a whole number\(minimum == 1 ? " of at least 1" : ""), not '\(text)'", at: node)
                return nil
            }
            return value
        }

        mutating func check(_ mapping: Node.Mapping, allowed: Set<String>, what: String) {
            for (keyNode, _) in mapping {
                guard let key = keyNode.scalar?.string, !allowed.contains(key) else { continue }
                error("unknown key `\(key)` in \(what)", at: keyNode, hint: "known keys: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }
}
