import Foundation
import ProctorCore
import ProctorRun
import ProctorSQL

// proctor-bench [--jobs N] [--samples-per-case N] [--baseline N]
// Grades a generated SQL workload through the sql pattern's grader (from the registry `proctor run` uses) and
// compares with rebuilding the database per sample.

var options: [String: Int] = ["--jobs": ProcessInfo.processInfo.activeProcessorCount, "--samples-per-case": 400, "--baseline": 120]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard options[flag] != nil, let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        FileHandle.standardError.write(Data("usage: proctor-bench [--jobs N] [--samples-per-case N] [--baseline N]\n".utf8))
        exit(2)
    }
    options[flag] = value
}
let jobs = options["--jobs"] ?? 2
let baselineCount = options["--baseline"] ?? 120

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let fixture = directory.appendingPathComponent("school.sql")
let workload = SchoolWorkload(fixture: fixture, samplesPerCase: options["--samples-per-case"] ?? 400)
try Data(workload.script.utf8).write(to: fixture)
let suite = Suite(name: "bench", file: directory.appendingPathComponent("bench.yaml"), cases: workload.cases)

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double, _ decimals: Int = 2) -> String {
    String(format: "%.\(decimals)f", value)
}

let clock = ContinuousClock()
print("proctor-bench: SQL grading")
print("fixture: \(workload.students) students, \(workload.enrollments) enrollments, \(workload.script.utf8.count / 1024) KB script")
print("cases: \(workload.cases.count); samples: \(workload.responses.count); jobs: \(jobs)")

let usageBefore = ResourceUsage.now()
let wallStart = clock.now
guard let grader = try PatternRegistry.shipped.graders(for: [suite], in: GraderContext(jobs: jobs))[.sql] else {
    fatalError("the registry has no sql pattern")
}
var prepared: [any CaseGrader] = []
for testCase in workload.cases { prepared.append(try await grader.prepare(testCase, of: suite)) }
let prepareTime = clock.now - wallStart
let items = workload.responses.map { GradingPass.Item(grader: prepared[$0.caseIndex], response: $0.text) }
let gradeStart = clock.now
let verdicts = try await GradingPass.grade(items, jobs: jobs)
let gradeTime = clock.now - gradeStart
let wallTime = clock.now - wallStart
let usageAfter = ResourceUsage.now()

let tally = Tally(verdicts.map(\.outcome))
let unexpected = zip(workload.responses, verdicts).filter { $0.expected != $1.outcome }
let rate = Double(verdicts.count) / seconds(gradeTime)
print("prepare: \(format(seconds(prepareTime), 3)) s (fixture built once, \(workload.cases.count) gold queries)")
print("grading: \(verdicts.count) samples in \(format(seconds(gradeTime))) s = \(format(rate, 0)) samples/s")
print("wall time: \(format(seconds(wallTime))) s")
print("cpu: \(format(usageAfter.cpuSeconds - usageBefore.cpuSeconds)) s user+sys")
print("peak rss: \(usageAfter.peakResidentBytes / 1_048_576) MB")
print("verdicts: pass \(tally.passed), fail \(tally.failed), error \(tally.errors); unexpected \(unexpected.count)")
for (response, verdict) in unexpected.prefix(5) {
    print("  unexpected: case q\(response.caseIndex + 1) expected \(response.expected.rawValue), got \(verdict.outcome.rawValue): \(verdict.reason)")
}

let baselineItems = Array(workload.responses.prefix(baselineCount))
let baselineStart = clock.now
let baselineUsage = ResourceUsage.now()
let naive = try await withThrowingTaskGroup(of: Verdict.self) { group in
    var results: [Verdict] = []
    var next = 0
    func start() {
        let response = baselineItems[next]
        let testCase = workload.cases[response.caseIndex]
        group.addTask { try await grader.prepare(testCase, of: suite).grade(response.text) }
        next += 1
    }
    while next < min(jobs, baselineItems.count) { start() }
    while let verdict = try await group.next() {
        results.append(verdict)
        if next < baselineItems.count { start() }
    }
    return results
}
let baselineTime = clock.now - baselineStart
let baselineRate = Double(naive.count) / seconds(baselineTime)
print(
    "baseline (naive: database rebuilt from the script and gold re-run for every sample): \(naive.count) samples in "
        + "\(format(seconds(baselineTime))) s = \(format(baselineRate, 1)) samples/s, "
        + "cpu \(format(ResourceUsage.now().cpuSeconds - baselineUsage.cpuSeconds)) s")
print("speed-up over baseline: \(format(rate / baselineRate, 0))x")
