import Foundation
import ProctorCore
import Yams

/// Turns a composed YAML tree into a `Suite`, recording a located diagnostic for every problem.
struct SuiteReader: NodeReading {
    let file: URL
    let path: String
    var diagnostics: [Diagnostic] = []

    let readers: [Pattern: any CaseReader]
    /// The readers in registration order: hints list them, and a misplaced key names the first that has it.
    let ordered: [any CaseReader]
    /// Pattern names in registration order, for hints.
    let patternNames: [String]

    static let suiteKeys: Set<String> = ["suite", "description", "system", "variants", "defaults", "cases", "min_pass_rate"]
    static let commonDefaultKeys: Set<String> = ["timeout", "samples", "max_response_bytes", "repair", "feedback", "tags"]
    static let commonCaseKeys: Set<String> = [
        "id", "pattern", "prompt", "system", "timeout", "description", "samples", "max_response_bytes", "solution",
        "mutants", "repair", "feedback", "tags",
    ]

    init(file: URL, path: String, readers: [any CaseReader]) {
        self.file = file
        self.path = path
        self.readers = Dictionary(readers.map { ($0.pattern, $0) }, uniquingKeysWith: { first, _ in first })
        ordered = readers
        patternNames = readers.map(\.pattern.rawValue)
    }

    mutating func suite(from root: Node) -> Suite? {
        guard let mapping = root.mapping else {
            error("a suite must be a mapping with `cases:`", at: root)
            return nil
        }
        checkKeys(mapping, allowed: Self.suiteKeys, what: "suite")
        let fallbackName = file.deletingPathExtension().lastPathComponent
        let name = mapping["suite"].flatMap { string($0, key: "suite") } ?? fallbackName
        if name.isEmpty { error("`suite` must not be empty", at: mapping["suite"] ?? root) }
        let system = mapping["system"].flatMap { string($0, key: "system") }
        let description = mapping["description"].flatMap { string($0, key: "description") }
        let defaults = mapping["defaults"].map { readDefaults($0) } ?? Defaults()
        let variants = mapping["variants"].map { readVariants($0) } ?? []

        guard let casesNode = mapping["cases"] else {
            error("missing `cases:`", at: root, hint: "list the suite's cases under `cases:`")
            return nil
        }
        guard let sequence = casesNode.sequence else {
            error("`cases` must be a list", at: casesNode)
            return nil
        }
        if sequence.isEmpty { error("`cases` is empty", at: casesNode) }
        var cases: [Case] = []
        var ids: [String: Int] = [:]
        for node in sequence {
            guard let testCase = readCase(node, suiteSystem: system, defaults: defaults) else { continue }
            if let line = ids[testCase.id] {
                error("duplicate case id '\(testCase.id)' (first defined on line \(line))", at: node)
                continue
            }
            ids[testCase.id] = testCase.location.line ?? 0
            cases.append(testCase)
        }
        var suite = Suite(name: name, file: file, system: system, description: description, cases: cases, variants: variants)
        if let gateNode = mapping["min_pass_rate"], let text = scalar(gateNode, key: "min_pass_rate") {
            if let rate = Double(text), (0...1).contains(rate) {
                suite.minPassRate = rate
            } else {
                error("`min_pass_rate` must be a number from 0 to 1, not '\(text)'", at: gateNode)
            }
        }
        return suite
    }

    /// `variants:` maps names to system prompts.
    private mutating func readVariants(_ node: Node) -> [Variant] {
        guard let mapping = node.mapping else {
            error("`variants` must map variant names to system prompts", at: node,
                  hint: "e.g. variants: {python-only: \"Answer with Python only.\"}")
            return []
        }
        var variants: [Variant] = []
        for (keyNode, valueNode) in mapping {
            guard let name = string(keyNode, key: "variants"), let system = string(valueNode, key: "variants") else { continue }
            if name.isEmpty || name.contains(where: { $0.isWhitespace || $0 == "," || $0 == "[" || $0 == "]" }) {
                error("variant name '\(name)' must be non-empty, without spaces, commas or brackets", at: keyNode)
                continue
            }
            variants.append(Variant(name: name, system: system))
        }
        if variants.isEmpty && mapping.isEmpty { error("`variants` is empty", at: node) }
        return variants
    }

    // MARK: Defaults

    struct Defaults {
        var node: Node.Mapping?
        var timeout: Duration?
        var samples: Int?
        var maxResponseBytes: Int?
        var repair: Int?
        var feedback: FeedbackTemplate?
        var tags: [String] = []
    }

    private mutating func readDefaults(_ node: Node) -> Defaults {
        guard let mapping = node.mapping else {
            error("`defaults` must be a mapping", at: node)
            return Defaults()
        }
        let patternKeys = readers.values.reduce(into: Set<String>()) { $0.formUnion($1.defaultKeys) }
        checkKeys(mapping, allowed: Self.commonDefaultKeys.union(patternKeys), what: "defaults")
        return Defaults(
            node: mapping,
            timeout: mapping["timeout"].flatMap { duration($0) },
            samples: mapping["samples"].flatMap { positiveInt($0, key: "samples") },
            maxResponseBytes: mapping["max_response_bytes"].flatMap { byteCount($0, key: "max_response_bytes") },
            repair: mapping["repair"].flatMap { rounds($0) },
            feedback: mapping["feedback"].flatMap { feedback($0) },
            tags: mapping["tags"].map { tags($0) } ?? [])
    }

    // MARK: Cases

    private mutating func readCase(_ node: Node, suiteSystem: String?, defaults: Defaults) -> Case? {
        guard let mapping = node.mapping else {
            error("a case must be a mapping with `id`, `pattern` and `prompt`", at: node)
            return nil
        }
        let location = location(of: node)
        guard let idNode = mapping["id"] else {
            error("case without `id`", at: node, hint: "give every case a unique `id:`")
            return nil
        }
        guard let id = string(idNode, key: "id") else { return nil }
        if id.isEmpty || id.contains(where: \.isNewline) {
            error("case id must be a non-empty single line", at: idNode)
            return nil
        }
        guard let patternNode = mapping["pattern"] else {
            error("case '\(id)' has no `pattern`", at: node,
                  hint: "one of: \(patternNames.joined(separator: ", "))")
            return nil
        }
        guard let patternText = string(patternNode, key: "pattern") else { return nil }
        let pattern = Pattern(rawValue: patternText)
        guard let reader = readers[pattern] else {
            error("unknown pattern '\(patternText)' in case '\(id)'", at: patternNode,
                  hint: "one of: \(patternNames.joined(separator: ", "))")
            return nil
        }
        checkKeys(mapping, allowed: Self.commonCaseKeys.union(reader.caseKeys), what: "case '\(id)'",
                  otherPatterns: pattern)
        let prompt = mapping["prompt"].flatMap { string($0, key: "prompt") }
        if mapping["prompt"] == nil { error("case '\(id)' has no `prompt`", at: node) }
        let ownSystem = mapping["system"].flatMap { string($0, key: "system") }
        let system = ownSystem ?? suiteSystem
        let timeout = mapping["timeout"].flatMap { duration($0) } ?? defaults.timeout ?? reader.defaultTimeout
        var fields = CaseFields(
            id: id, pattern: pattern, prompt: prompt, path: path, file: file, node: node, mapping: mapping,
            defaults: defaults.node)
        let check = reader.check(from: &fields)
        for diagnostic in fields.diagnostics where !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        guard let prompt, let check else { return nil }
        var testCase = Case(id: id, pattern: pattern, prompt: fields.message ?? prompt, system: system, hasOwnSystem: ownSystem != nil,
                            timeout: timeout, check: check, location: location)
        testCase.samples = mapping["samples"].flatMap { positiveInt($0, key: "samples") } ?? defaults.samples
        testCase.solution = mapping["solution"].flatMap { string($0, key: "solution") }
        testCase.mutants = mapping["mutants"].map { strings($0, key: "mutants") } ?? []
        testCase.maxResponseBytes = mapping["max_response_bytes"].flatMap { byteCount($0, key: "max_response_bytes") }
            ?? defaults.maxResponseBytes ?? Case.defaultMaxResponseBytes
        testCase.runsCode = reader.runsCode
        if let node = mapping["repair"], let rounds = rounds(node) {
            if rounds > 0 && !reader.runsCode {
                error("`repair` needs a case whose answer is run; pattern \(pattern.rawValue) runs none", at: node,
                      hint: "remove `repair` from this case")
            }
            testCase.repair = reader.runsCode ? rounds : 0
        } else if reader.runsCode {
            testCase.repair = defaults.repair ?? 0
        }
        testCase.feedback = mapping["feedback"].flatMap { feedback($0) } ?? defaults.feedback
        for tag in defaults.tags + (mapping["tags"].map { tags($0) } ?? []) where !testCase.tags.contains(tag) {
            testCase.tags.append(tag)
        }
        return testCase
    }

    // MARK: Values

    private mutating func duration(_ node: Node) -> Duration? {
        guard let text = scalar(node, key: "timeout") else { return nil }
        guard let value = DurationParser.parse(text) else {
            error("invalid timeout '\(text)'", at: node, hint: "write e.g. 2s, 500ms or 1.5 (seconds), from 1ms to 600s")
            return nil
        }
        return value
    }

    private mutating func positiveInt(_ node: Node, key: String) -> Int? {
        guard let text = scalar(node, key: key) else { return nil }
        guard let value = Int(text), value > 0 else {
            error("`\(key)` must be a positive whole number, not '\(text)'", at: node)
            return nil
        }
        return value
    }

    /// Repair rounds: a whole number from 0 to ``maxRepairRounds``.
    private mutating func rounds(_ node: Node) -> Int? {
        guard let text = scalar(node, key: "repair") else { return nil }
        guard let value = Int(text), (0...Self.maxRepairRounds).contains(value) else {
            error("`repair` must be a whole number of rounds from 0 to \(Self.maxRepairRounds), not '\(text)'", at: node)
            return nil
        }
        return value
    }

    /// `tags:`: a tag or a list of tags, each a non-empty word without spaces or commas.
    private mutating func tags(_ node: Node) -> [String] {
        guard node.scalar == nil else { return tag(node).map { [$0] } ?? [] }
        guard let list = node.sequence else {
            error("`tags` must be a tag or a list of tags", at: node, hint: "e.g. tags: [joins, slow]")
            return []
        }
        return list.compactMap { tag($0) }
    }

    private mutating func tag(_ node: Node) -> String? {
        guard let text = string(node, key: "tags") else { return nil }
        guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || $0 == "," }) else {
            error("tag '\(text)' must be a non-empty word without spaces or commas", at: node, hint: "e.g. tags: [joins, slow]")
            return nil
        }
        return text
    }

    /// The most repair rounds a case may ask for.
    public static let maxRepairRounds = 10

    /// A feedback template whose every `{field}` is known.
    private mutating func feedback(_ node: Node) -> FeedbackTemplate? {
        guard let text = string(node, key: "feedback") else { return nil }
        let template = FeedbackTemplate(text)
        if let unknown = template.unknownFields.first {
            error("unknown field {\(unknown)} in `feedback`", at: node,
                  hint: "the fields are " + FeedbackTemplate.fields.map { "{\($0)}" }.joined(separator: ", "))
            return nil
        }
        return template
    }

    /// `1048576`, `512KiB`, `2 MiB`: a positive number of bytes, at most 1 GiB.
    private mutating func byteCount(_ node: Node, key: String) -> Int? {
        guard let text = scalar(node, key: key) else { return nil }
        let units: [(suffix: String, factor: Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("", 1)]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Int(number), value > 0, value <= (1 << 30) / unit.factor { return value * unit.factor }
            break
        }
        error("`\(key)` must be a number of bytes from 1 to 1 GiB, not '\(text)'", at: node,
              hint: "write e.g. 1048576, 512KiB or 2MiB")
        return nil
    }

    // MARK: Diagnostics

    private mutating func checkKeys(
        _ mapping: Node.Mapping, allowed: Set<String>, what: String, otherPatterns pattern: Pattern? = nil
    ) {
        for (keyNode, _) in mapping {
            guard let key = keyNode.scalar?.string else {
                error("keys must be strings", at: keyNode)
                continue
            }
            guard !allowed.contains(key) else { continue }
            if let pattern, let owner = ordered.first(where: { $0.caseKeys.contains(key) })?.pattern {
                error("key `\(key)` does not apply to pattern \(pattern.rawValue) (it belongs to \(owner.rawValue))",
                      at: keyNode)
            } else {
                error("unknown key `\(key)` in \(what)", at: keyNode,
                      hint: "known keys: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

}
