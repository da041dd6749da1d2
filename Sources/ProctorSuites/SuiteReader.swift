import Foundation
import ProctorCore
import Yams

/// Turns a composed YAML tree into a `Suite`, recording a located diagnostic for every problem.
struct SuiteReader: NodeReading {
    let file: URL
    let path: String
    var diagnostics: [Diagnostic] = []

    static let suiteKeys: Set<String> = ["suite", "description", "system", "variants", "defaults", "cases", "min_pass_rate"]
    static let defaultKeys: Set<String> = [
        "timeout", "refusal", "tolerance", "order", "max_rows", "lint", "samples", "max_response_bytes",
    ]
    static let commonCaseKeys: Set<String> = [
        "id", "pattern", "prompt", "system", "timeout", "description", "samples", "max_response_bytes",
    ]
    static let patternKeys: [Pattern: Set<String>] = [
        .sql: ["database", "databases", "gold", "order", "tolerance", "max_rows"],
        .explain: ["mentions", "forbids", "refusal"],
        .commentsToCode: pythonKeys,
        .completion: pythonKeys.union(["entry_point"]),
    ]
    static let pythonKeys: Set<String> = ["tests", "stdin", "stdout_contains", "stdout_matches", "lint"]

    /// The wall-clock limit of a case that sets none, by pattern.
    static func defaultTimeout(for pattern: Pattern) -> Duration {
        switch pattern {
        case .sql, .explain: .seconds(2)
        case .commentsToCode, .completion: .seconds(5)
        }
    }

    init(file: URL, path: String) {
        self.file = file
        self.path = path
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
        if let gateNode = mapping["min_pass_rate"], let text = string(gateNode, key: "min_pass_rate") {
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
        var timeout: Duration?
        var refusal: ExplainCheck.RefusalPolicy?
        var tolerance: Double?
        var order: SQLCheck.OrderPolicy?
        var maxRows: Int?
        var lint: Bool?
        var samples: Int?
        var maxResponseBytes: Int?
    }

    private mutating func readDefaults(_ node: Node) -> Defaults {
        guard let mapping = node.mapping else {
            error("`defaults` must be a mapping", at: node)
            return Defaults()
        }
        checkKeys(mapping, allowed: Self.defaultKeys, what: "defaults")
        return Defaults(
            timeout: mapping["timeout"].flatMap { duration($0) },
            refusal: mapping["refusal"].flatMap { choice($0, key: "refusal") },
            tolerance: mapping["tolerance"].flatMap { relativeTolerance($0) },
            order: mapping["order"].flatMap { choice($0, key: "order") },
            maxRows: mapping["max_rows"].flatMap { positiveInt($0, key: "max_rows") },
            lint: mapping["lint"].flatMap { boolean($0, key: "lint") },
            samples: mapping["samples"].flatMap { positiveInt($0, key: "samples") },
            maxResponseBytes: mapping["max_response_bytes"].flatMap { byteCount($0, key: "max_response_bytes") })
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
                  hint: "one of: \(Pattern.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        guard let patternText = string(patternNode, key: "pattern") else { return nil }
        guard let pattern = Pattern(rawValue: patternText) else {
            error("unknown pattern '\(patternText)' in case '\(id)'", at: patternNode,
                  hint: "one of: \(Pattern.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        let allowed = Self.patternKeys[pattern] ?? []
        checkKeys(mapping, allowed: Self.commonCaseKeys.union(allowed), what: "case '\(id)'",
                  otherPatterns: pattern)
        let prompt = mapping["prompt"].flatMap { string($0, key: "prompt") }
        if mapping["prompt"] == nil { error("case '\(id)' has no `prompt`", at: node) }
        let ownSystem = mapping["system"].flatMap { string($0, key: "system") }
        let system = ownSystem ?? suiteSystem
        let timeout = mapping["timeout"].flatMap { duration($0) } ?? defaults.timeout
            ?? Self.defaultTimeout(for: pattern)

        let check: Check?
        switch pattern {
        case .sql: check = readSQL(mapping, id: id, node: node, defaults: defaults)
        case .explain: check = .explain(readExplain(mapping, defaults: defaults))
        case .commentsToCode, .completion:
            check = readPython(mapping, pattern: pattern, prompt: prompt, id: id, node: node, defaults: defaults)
        }
        guard let prompt, let check else { return nil }
        var testCase = Case(id: id, pattern: pattern, prompt: prompt, system: system, hasOwnSystem: ownSystem != nil,
                            timeout: timeout, check: check, location: location)
        testCase.samples = mapping["samples"].flatMap { positiveInt($0, key: "samples") } ?? defaults.samples
        testCase.maxResponseBytes = mapping["max_response_bytes"].flatMap { byteCount($0, key: "max_response_bytes") }
            ?? defaults.maxResponseBytes ?? Case.defaultMaxResponseBytes
        return testCase
    }

    private mutating func readSQL(_ mapping: Node.Mapping, id: String, node: Node, defaults: Defaults) -> Check? {
        var databases: [URL] = []
        if let single = mapping["database"], let url = fixture(single) { databases.append(url) }
        if let many = mapping["databases"] {
            if let list = many.sequence {
                if list.isEmpty { error("`databases` is empty", at: many) }
                databases += list.compactMap { fixture($0) }
            } else {
                error("`databases` must be a list of SQLite script paths", at: many)
            }
        }
        if mapping["database"] == nil && mapping["databases"] == nil {
            error("sql case '\(id)' has no `database`", at: node,
                  hint: "name the SQLite script (schema + data), relative to the suite file")
        }
        let order = mapping["order"].flatMap { choice($0, key: "order") } ?? defaults.order ?? .auto
        let tolerance = mapping["tolerance"].flatMap { relativeTolerance($0) } ?? defaults.tolerance ?? 1e-6
        let maxRows = mapping["max_rows"].flatMap { positiveInt($0, key: "max_rows") } ?? defaults.maxRows ?? 100_000
        guard let goldNode = mapping["gold"] else {
            error("sql case '\(id)' has no `gold` query", at: node,
                  hint: "add the reference query; the response is compared with its result")
            return nil
        }
        guard let gold = string(goldNode, key: "gold") else { return nil }
        if gold.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error("`gold` is empty", at: goldNode)
            return nil
        }
        guard !databases.isEmpty else { return nil }
        return .sql(SQLCheck(databases: databases, gold: gold, order: order, tolerance: tolerance, maxRows: maxRows))
    }

    private mutating func readExplain(_ mapping: Node.Mapping, defaults: Defaults) -> ExplainCheck {
        ExplainCheck(
            mentions: mapping["mentions"].map { strings($0, key: "mentions") } ?? [],
            forbids: mapping["forbids"].map { strings($0, key: "forbids") } ?? [],
            refusal: mapping["refusal"].flatMap { choice($0, key: "refusal") } ?? defaults.refusal ?? .fail)
    }

    private mutating func readPython(
        _ mapping: Node.Mapping, pattern: Pattern, prompt: String?, id: String, node: Node, defaults: Defaults
    ) -> Check? {
        let tests = mapping["tests"].flatMap { string($0, key: "tests") }
        let contains = mapping["stdout_contains"].map { strings($0, key: "stdout_contains") } ?? []
        let matches = mapping["stdout_matches"].map { strings($0, key: "stdout_matches") } ?? []
        if let patternsNode = mapping["stdout_matches"] {
            for expression in matches {
                do {
                    _ = try NSRegularExpression(pattern: expression, options: [.anchorsMatchLines])
                } catch {
                    self.error("invalid regular expression in `stdout_matches`: \(expression)", at: patternsNode,
                               hint: "write a regular expression such as '^Hello, \\w+!$'")
                }
            }
        }
        if tests == nil && mapping["stdout_contains"] == nil && mapping["stdout_matches"] == nil {
            error("\(pattern.rawValue) case '\(id)' has nothing to check", at: node,
                  hint: "add `tests`, `stdout_contains` or `stdout_matches`")
            return nil
        }
        var entryPoint: String?
        if pattern == .completion {
            if let entryNode = mapping["entry_point"] {
                entryPoint = string(entryNode, key: "entry_point")
                if let name = entryPoint, name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) == nil {
                    error("`entry_point` must be a Python function name, not '\(name)'", at: entryNode)
                    return nil
                }
            } else if let prompt {
                entryPoint = prompt.matches(of: /(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(/)
                    .last.map { String($0.output.1) }
                if entryPoint == nil {
                    error("completion case '\(id)' has no `entry_point` and its prompt defines no function", at: node,
                          hint: "name the function the tests call with `entry_point:`")
                    return nil
                }
            }
        }
        let lint = mapping["lint"].flatMap { boolean($0, key: "lint") } ?? defaults.lint ?? false
        return .python(PythonCheck(
            tests: tests, stdin: mapping["stdin"].flatMap { string($0, key: "stdin") } ?? "",
            stdoutContains: contains, stdoutMatches: matches, lint: lint, entryPoint: entryPoint))
    }

    // MARK: Values

    private mutating func fixture(_ node: Node) -> URL? {
        guard let relative = string(node, key: "database") else { return nil }
        let base = file.deletingLastPathComponent()
        let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative)
            : URL(fileURLWithPath: relative, relativeTo: base).standardizedFileURL
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) || isDirectory.boolValue {
            error("fixture not found: \(relative) (looked at \(url.path))", at: node,
                  hint: "paths are relative to the suite file's folder")
            return nil
        }
        return url
    }

    private mutating func duration(_ node: Node) -> Duration? {
        guard let text = string(node, key: "timeout") else { return nil }
        guard let value = DurationParser.parse(text), value <= .seconds(600) else {
            error("invalid timeout '\(text)'", at: node, hint: "write e.g. 2s, 500ms or 1.5 (seconds), at most 600s")
            return nil
        }
        return value
    }

    private mutating func relativeTolerance(_ node: Node) -> Double? {
        guard let text = string(node, key: "tolerance") else { return nil }
        guard let value = Double(text), value >= 0, value < 1 else {
            error("invalid tolerance '\(text)'", at: node, hint: "a relative tolerance such as 1e-6, from 0 up to 1")
            return nil
        }
        return value
    }

    private mutating func positiveInt(_ node: Node, key: String) -> Int? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = Int(text), value > 0 else {
            error("`\(key)` must be a positive whole number, not '\(text)'", at: node)
            return nil
        }
        return value
    }

    /// `1048576`, `512KiB`, `2 MiB`: a positive number of bytes, at most 1 GiB.
    private mutating func byteCount(_ node: Node, key: String) -> Int? {
        guard let text = string(node, key: key) else { return nil }
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

    private mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, key: String) -> T?
    where T.RawValue == String {
        guard let text = string(node, key: key) else { return nil }
        guard let value = T(rawValue: text) else {
            error("invalid `\(key)` '\(text)'", at: node,
                  hint: "one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
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
            if let pattern, let owner = Self.patternKeys.first(where: { $0.value.contains(key) })?.key {
                error("key `\(key)` does not apply to pattern \(pattern.rawValue) (it belongs to \(owner.rawValue))",
                      at: keyNode)
            } else {
                error("unknown key `\(key)` in \(what)", at: keyNode,
                      hint: "known keys: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

}
