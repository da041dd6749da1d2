import ProctorCore
import Testing

/// One prepared case graded from many tasks at once gives the same verdicts as one at a time.
@Suite struct ConcurrencyTests {
    @Test func concurrentGradesAgreeWithSequentialOnes() async throws {
        let grader = try await Fixtures.prepare(
            gold: "SELECT city, COUNT(*) AS n FROM students GROUP BY city ORDER BY n DESC")
        let responses = [
            "SELECT city, COUNT(*) FROM students GROUP BY city ORDER BY 2 DESC, 1",
            "SELECT city, COUNT(*) FROM students GROUP BY city",
            "SELECT city, COUNT(city) FROM students GROUP BY city ORDER BY 2 DESC",
            "DROP TABLE students",
            "SELECT nothing",
        ]
        var sequential: [Verdict] = []
        for response in responses { sequential.append(try await grader.grade(response)) }
        #expect(sequential.map(\.outcome) == [.pass, .fail, .fail, .error, .error])

        let concurrent = try await withThrowingTaskGroup(of: (Int, Verdict).self) { group in
            for index in 0..<100 {
                group.addTask { (index, try await grader.grade(responses[index % responses.count])) }
            }
            var verdicts: [Int: Verdict] = [:]
            for try await (index, verdict) in group { verdicts[index] = verdict }
            return verdicts
        }
        for (index, verdict) in concurrent {
            #expect(verdict == sequential[index % responses.count])
        }
    }
}
