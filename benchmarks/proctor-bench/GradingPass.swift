import ProctorCore

/// Grades responses with at most `jobs` at a time, as the runner does.
enum GradingPass {
    struct Item: Sendable {
        var grader: any CaseGrader
        var response: String
    }

    static func grade(_ items: [Item], jobs: Int) async throws -> [Verdict] {
        try await withThrowingTaskGroup(of: (Int, Verdict).self) { group in
            var verdicts = [Verdict?](repeating: nil, count: items.count)
            var next = 0
            func start() {
                let index = next
                let item = items[index]
                group.addTask { (index, try await item.grader.grade(item.response)) }
                next += 1
            }
            while next < min(jobs, items.count) { start() }
            while let (index, verdict) = try await group.next() {
                verdicts[index] = verdict
                if next < items.count { start() }
            }
            return verdicts.compactMap { $0 }
        }
    }
}
