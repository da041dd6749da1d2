import Foundation
import ProctorCore
import ProctorRun
import ProctorSQL

// proctor-bench [--jobs N] [--cases N] [--samples-per-case N] [--baseline N] [--neighbours on|off|both] [--rounds N]
// Grades a generated SQL workload through the sql pattern's grader (from the registry `proctor run` uses) and
// compares with rebuilding the database per sample; with --neighbours both, grades it with and without neighbour
// databases in the same run (off then on, --rounds times) and prints the ratio of the best wall times.

var options: [String: Int] = [
    "--jobs": ProcessInfo.processInfo.activeProcessorCount, "--samples-per-case": 400, "--baseline": 120, "--cases": 12,
    "--rounds": 1,
]
var neighbourModes = ["on"]
let usage =
    "usage: proctor-bench [--jobs N] [--cases N] [--samples-per-case N] [--baseline N] [--neighbours on|off|both] [--rounds N]\n"
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--neighbours", let mode = arguments.popFirst(), ["on", "off", "both"].contains(mode) {
        neighbourModes = mode == "both" ? ["off", "on"] : [mode]
        continue
    }
    guard options[flag] != nil, let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
    options[flag] = value
}
let jobs = options["--jobs"] ?? 2
let baselineCount = options["--baseline"] ?? 120
let caseCount = options["--cases"] ?? 12
guard caseCount <= SchoolWorkload.caseLimit else {
    FileHandle.standardError.write(Data("proctor-bench: at most \(SchoolWorkload.caseLimit) cases\n".utf8))
    exit(2)
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proctor-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let fixture = directory.appendingPathComponent("school.sql")

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double, _ decimals: Int = 2) -> String {
    String(format: "%.\(decimals)f", value)
}

/// One timed pass: a fresh grader (fixture built, every case prepared with no neighbour cache), then every sample.
func measure(_ workload: SchoolWorkload, _ suite: Suite, label: String) async throws -> (wall: Double, verdicts: [Verdict]) {
    let clock = ContinuousClock()
    let usageBefore = ResourceUsage.now()
    let wallStart = clock.now
    guard let grader = try PatternRegistry.shipped.graders(for: [suite], in: GraderContext(jobs: jobs))[.sql] else {
        fatalError("the registry has no sql pattern")
    }
    let cases = workload.cases
    let prepared = try await withThrowingTaskGroup(of: (Int, any CaseGrader).self) { group in
        var graders = [(any CaseGrader)?](repeating: nil, count: cases.count)
        var next = 0
        func start() {
            let index = next
            group.addTask { (index, try await grader.prepare(cases[index], of: suite)) }
            next += 1
        }
        while next < min(jobs, cases.count) { start() }
        while let (index, prepared) = try await group.next() {
            graders[index] = prepared
            if next < cases.count { start() }
        }
        return graders.compactMap { $0 }
    }
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
    print("[\(label)]")
    print("prepare: \(format(seconds(prepareTime), 3)) s (fixture built once, \(cases.count) gold queries\(label == "neighbours on" ? " and their neighbours" : ""))")
    print("grading: \(verdicts.count) samples in \(format(seconds(gradeTime))) s = \(format(rate, 0)) samples/s")
    print("wall time: \(format(seconds(wallTime))) s (preparation included)")
    print("cpu: \(format(usageAfter.cpuSeconds - usageBefore.cpuSeconds)) s user+sys")
    print("peak rss: \(usageAfter.peakResidentBytes / 1_048_576) MB (whole process so far)")
    let kept = prepared.compactMap { $0.notes.first?.split(separator: ";").first?.split(separator: " ").last.flatMap { Int($0) } }
    if !kept.isEmpty {
        print("neighbours kept: \(kept.reduce(0, +)) over \(cases.count) cases (\(kept.filter { $0 == 0 }.count) with none, at most \(kept.max() ?? 0))")
    }
    print("verdicts: pass \(tally.passed), fail \(tally.failed), error \(tally.errors); unexpected \(unexpected.count)")
    for (response, verdict) in unexpected.prefix(5) {
        print("  unexpected: case q\(response.caseIndex + 1) expected \(response.expected.rawValue), got \(verdict.outcome.rawValue): \(verdict.reason)")
    }
    return (seconds(wallTime), verdicts)
}

print("proctor-bench: SQL grading")
var walls: [String: Double] = [:]
var lastWorkload: SchoolWorkload?
var lastSuite: Suite?
for mode in Array(repeating: neighbourModes, count: options["--rounds"] ?? 1).flatMap({ $0 }) {
    let workload = SchoolWorkload(
        fixture: fixture, samplesPerCase: options["--samples-per-case"] ?? 400, caseCount: caseCount,
        neighbours: mode == "on" ? SQLCheck.defaultNeighbours : 0)
    try Data(workload.script.utf8).write(to: fixture)
    let suite = Suite(name: "bench", file: directory.appendingPathComponent("bench.yaml"), cases: workload.cases)
    if lastWorkload == nil {
        print("fixture: \(workload.students) students, \(workload.enrollments) enrollments, \(workload.script.utf8.count / 1024) KB script")
        print("cases: \(workload.cases.count); samples: \(workload.responses.count) (\(Set(workload.responses.map(\.text)).count) distinct); jobs: \(jobs)")
    }
    let wall = try await measure(workload, suite, label: "neighbours \(mode)").wall
    walls[mode] = min(walls[mode] ?? wall, wall)
    lastWorkload = workload
    lastSuite = suite
}
if let on = walls["on"], let off = walls["off"] {
    print("neighbours on / off (best wall of each): \(format(on)) s / \(format(off)) s = \(format(on / off))x")
}
guard let workload = lastWorkload, let suite = lastSuite,
    let grader = try PatternRegistry.shipped.graders(for: [suite], in: GraderContext(jobs: jobs))[.sql]
else { exit(0) }
let clock = ContinuousClock()
let rate = Double(workload.responses.count) / (walls[neighbourModes.last ?? "on"] ?? 1)

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
    "baseline (naive: database rebuilt from the script, gold and neighbours re-derived for every sample): \(naive.count) samples in "
        + "\(format(seconds(baselineTime))) s = \(format(baselineRate, 1)) samples/s, "
        + "cpu \(format(ResourceUsage.now().cpuSeconds - baselineUsage.cpuSeconds)) s")
print("speed-up over baseline (wall, preparation included): \(format(rate / baselineRate, 0))x")
