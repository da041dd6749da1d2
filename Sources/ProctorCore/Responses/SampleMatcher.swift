/// Matches sample records to the cases of the selected suites and numbers unnamed samples.
public struct SampleMatcher: Sendable {
    public var suites: [Suite]
    /// Loaded cases a run's selection left out: records answering them are skipped, not errors.
    public var leftOut: Set<CaseKey>

    public init(suites: [Suite], leftOut: Set<CaseKey> = []) {
        self.suites = suites
        self.leftOut = leftOut
    }

    /// Resolves records to samples; unknown or ambiguous cases and duplicate sample ids are errors.
    ///
    /// Records naming a suite that is not selected are skipped with one warning per suite.
    public func match(_ records: [SampleRecord]) throws -> SampleBatch {
        var suitesByCase: [String: [String]] = [:]
        var caseIDs: [String: Set<String>] = [:]
        for suite in suites {
            caseIDs[suite.name] = Set(suite.cases.map(\.id))
            for testCase in suite.cases { suitesByCase[testCase.id, default: []].append(suite.name) }
        }
        var diagnostics: [Diagnostic] = []
        var skippedSuites: [String: Int] = [:]
        var samples: [Sample] = []
        var counters: [CaseSamples: Int] = [:]
        var seenIDs: [SampleKey: SourceLocation] = [:]
        var later: [(record: SampleRecord, key: SampleKey)] = []

        let leftOutIDs = Set(leftOut.map(\.caseID))
        for record in records {
            let suiteName: String
            if let named = record.suite {
                if leftOut.contains(CaseKey(suite: named, caseID: record.caseID)) { continue }
                guard let ids = caseIDs[named] else {
                    skippedSuites[named, default: 0] += 1
                    continue
                }
                guard ids.contains(record.caseID) else {
                    diagnostics.append(.error("unknown case '\(record.caseID)' in suite '\(named)'", at: record.origin))
                    continue
                }
                suiteName = named
            } else {
                let owners = suitesByCase[record.caseID] ?? []
                if owners.isEmpty && leftOutIDs.contains(record.caseID) { continue }
                guard let first = owners.first else {
                    diagnostics.append(.error(
                        "unknown case '\(record.caseID)'", at: record.origin,
                        hint: "no selected suite has this case id; check the id or the suites you run"))
                    continue
                }
                guard owners.count == 1 else {
                    diagnostics.append(.error(
                        "case id '\(record.caseID)' is in several suites (\(owners.joined(separator: ", ")))",
                        at: record.origin, hint: "add \"suite\" to the line"))
                    continue
                }
                suiteName = first
            }
            if let variant = record.variant,
                let suite = suites.first(where: { $0.name == suiteName }), !suite.variants.contains(where: { $0.name == variant })
            {
                diagnostics.append(.error(
                    "suite '\(suiteName)' has no variant '\(variant)'", at: record.origin,
                    hint: suite.variants.isEmpty ? "it defines none" : "its variants: \(suite.variants.map(\.name).joined(separator: ", "))"))
                continue
            }
            if record.round > 1 {
                later.append((record, SampleKey(
                    suite: suiteName, caseID: record.caseID, sampleID: record.sampleID ?? "1", model: record.model,
                    variant: record.variant)))
                continue
            }
            let key = CaseSamples(suite: suiteName, caseID: record.caseID, model: record.model, variant: record.variant)
            let sampleID: String
            if let named = record.sampleID {
                sampleID = named
            } else {
                counters[key, default: 0] += 1
                sampleID = String(counters[key, default: 1])
            }
            let idKey = SampleKey(
                suite: suiteName, caseID: record.caseID, sampleID: sampleID, model: record.model, variant: record.variant)
            if let earlier = seenIDs[idKey] {
                diagnostics.append(.error(
                    "duplicate sample '\(sampleID)' of case '\(suiteName)/\(record.caseID)' (also on line \(earlier.line ?? 0))",
                    at: record.origin))
                continue
            }
            seenIDs[idKey] = record.origin
            samples.append(Sample(suite: suiteName, caseID: record.caseID, sampleID: sampleID, model: record.model,
                                  response: record.response, origin: record.origin, variant: record.variant))
        }
        let rounds = RecordedRounds(later, firstRounds: seenIDs, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        let warnings = skippedSuites.sorted { $0.key < $1.key }.map { name, count in
            Diagnostic.warning("skipped \(count) sample(s) of suite '\(name)', which is not selected")
        }
        var batch = SampleBatch(samples: samples, warnings: warnings)
        batch.repairs = rounds
        return batch
    }

    /// What a run of `samples` expects: every selected case × every (model, variant) group among `samples` (a
    /// variant only for the suites that define it) × samples 1…n, where n is the case's `samples`, else as many as that group answered for it (at least 1); each
    /// as an unanswered sample.
    public func expected(by samples: [Sample]) -> [Sample] {
        var groups: [SampleKey] = []
        for sample in samples {
            let group = SampleKey(suite: "", caseID: "", sampleID: "", model: sample.model, variant: sample.variant)
            if !groups.contains(group) { groups.append(group) }
        }
        if groups.isEmpty { groups = [SampleKey(suite: "", caseID: "", sampleID: "")] }
        let answered = Dictionary(samples.map { (CaseSamples($0), 1) }, uniquingKeysWith: +)
        return suites.flatMap { suite in
            // A variant applies to the suites that define it.
            let groups = groups.filter { group in group.variant.map { name in suite.variants.contains { $0.name == name } } ?? true }
            return suite.cases.flatMap { testCase in
                groups.flatMap { group in
                    let key = CaseSamples(suite: suite.name, caseID: testCase.id, model: group.model, variant: group.variant)
                    return (1...max(1, testCase.samples ?? answered[key] ?? 1)).map { number in
                        var sample = Sample(
                            suite: suite.name, caseID: testCase.id, sampleID: String(number), model: group.model,
                            response: "", variant: group.variant)
                        sample.answered = false
                        return sample
                    }
                }
            }
        }
    }

    /// Samples beyond what their case declares (`samples: n`): one error each, naming its line.
    public func beyondDeclared(_ samples: [Sample]) -> [Diagnostic] {
        var declared: [CaseKey: Int] = [:]
        for suite in suites {
            for testCase in suite.cases { declared[CaseKey(suite: suite.name, caseID: testCase.id)] = testCase.samples }
        }
        var seen: [CaseSamples: Int] = [:]
        return samples.compactMap { sample in
            let group = CaseSamples(sample)
            seen[group, default: 0] += 1
            guard let limit = declared[sample.key.caseKey], seen[group, default: 0] > limit else { return nil }
            return .error(
                "\(sample.key.label()) is more than the \(limit) sample(s) case '\(sample.caseID)' expects",
                at: sample.origin, hint: "raise the case's `samples:`, or leave the extra answers out")
        }
    }

    /// The cases of the selected suites that no sample answers.
    public func unanswered(by samples: [Sample]) -> [(suite: Suite, testCase: Case)] {
        let answered = Set(samples.map(\.key.caseKey))
        return suites.flatMap { suite in
            suite.cases.filter { !answered.contains(CaseKey(suite: suite.name, caseID: $0.id)) }.map { (suite, $0) }
        }
    }
}
