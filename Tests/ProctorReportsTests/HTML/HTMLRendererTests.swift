import Foundation
import ProctorCore
import ProctorPython
@testable import ProctorReports
import ProctorSQL
import Testing

/// What a person sees on the HTML page, checked on the renderer's real output without a browser: the chart's
/// text inside its box, nothing wider than a phone, failures first with working anchors, each sample's prompt,
/// reference and diff; and, where Chromium is installed, the same page laid out by it at 420 px.
@Suite struct HTMLRendererTests {
    struct Gold: CaseCheck {
        var query: String
        var reference: [CaseReference] { [CaseReference("Gold query", query)] }
    }

    static let longLog = (1...40).map { "log line \($0)" }.joined(separator: "\n") + "\nTHE USEFUL LAST LINE"

    /// A run of one suite: a pass, a failure with expected and got, an error with a long log, and two models.
    static func report() -> RunReport {
        let location = SourceLocation(file: "s.yaml", line: 1, column: 1)
        let cases = ["a", "b", "c"].map {
            Case(id: $0, pattern: .sql, prompt: "Question <\($0)> & friends", check: Gold(query: "SELECT '\($0)' -- gold"),
                 location: location)
        }
        let suite = Suite(name: "school", file: URL(fileURLWithPath: "/tmp/s.yaml"), cases: cases)
        func result(_ caseID: String, _ sample: String, _ model: String, _ verdict: Verdict, latency: Double?) -> GradedSample {
            GradedSample(
                sample: Sample(suite: "school", caseID: caseID, sampleID: sample, model: model, response: "answer \(caseID)",
                               usage: Usage(promptTokens: 10, completionTokens: 5, cost: 0.001, latencyMilliseconds: latency)),
                pattern: .sql, verdict: verdict, duration: 0.002)
        }
        let wrong = Verdict(.fail, "row count 1 vs expected 2", details: VerdictDetails(
            kind: "wrong-rows", expected: "(name)\nAda\nGrace", got: "(name)\nAda\nLinus"))
        return RunReport(runID: "r5", startedAt: Date(timeIntervalSince1970: 1_790_000_000), duration: 1, suites: [suite], results: [
            result("a", "1", "m1", .pass("ok"), latency: 400),
            result("a", "2", "m1", wrong, latency: 600),
            result("b", "1", "m1", Verdict(.error, "timed out", log: longLog), latency: 1500),
            result("c", "1", "m2", .pass("ok"), latency: nil),
            result("b", "1", "m2", wrong, latency: nil),
        ])
    }

    /// Five runs of twelve series: two always equal, one graded in one run only, one with first-round rates.
    static func history() -> [HistoryRun] {
        (0..<5).map { run in
            var samples: [GradedSample] = []
            var first: [SampleKey: Verdict.Outcome] = [:]
            for series in 0..<12 where series != 11 || run == 2 {
                for number in 0..<4 {
                    let passes = series < 2 ? number < 2 : (number + run + series) % 3 != 0
                    let sample = Sample(suite: "suite-\(series)-with-a-rather-long-name", caseID: "c\(number)", sampleID: "1",
                                        model: "model-<\(series % 3)>", response: "", variant: series % 4 == 0 ? "terse" : nil)
                    samples.append(GradedSample(sample: sample, pattern: .sql,
                                                verdict: passes ? .pass("ok") : Verdict(.fail, "no"), duration: 0))
                    if series == 3 { first[sample.key] = .fail }
                }
            }
            return HistoryRun(runID: "2026120\(run + 1)T120000Z-abc\(run)", startedAt: "2026-12-0\(run + 1)T12:00:00Z",
                              samples: samples, firstOutcomes: first)
        }
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile)

    static func page() -> String {
        String(decoding: HTMLRenderer(history: history()).render(report()), as: UTF8.self)
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map {
                match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0))
            }
        }
    }

    @Test func everySVGTextLiesInsideItsViewBox() throws {
        let page = Self.page()
        let svgs = Self.matches(#"<svg[^>]*viewBox="0 0 ([\d.]+) ([\d.]+)"[^>]*>(.*?)</svg>"#, in: page)
        #expect(svgs.count >= 2)
        var checked = 0
        for svg in svgs {
            let (width, height) = (try #require(Double(svg[1])), try #require(Double(svg[2])))
            for text in Self.matches(#"<text ([^>]*)>(.*?)</text>"#, in: svg[3]) {
                func attribute(_ name: String) -> String? { Self.matches(#"\b\#(name)="([^"]*)""#, in: text[1]).first?[1] }
                let x = try #require(attribute("x").flatMap(Double.init))
                let y = try #require(attribute("y").flatMap(Double.init))
                let size = try #require(attribute("font-size").flatMap(Double.init))
                // What is drawn: the content without its hover title, each entity one character.
                let shown = text[2].replacingOccurrences(of: #"<title>.*?</title>"#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: #"&[#\w]+;"#, with: "x", options: .regularExpression)
                // 0.7 em a character: DejaVu Sans, Debian's default, draws digits 0.64 em and `%` 0.95 em wide.
                let textWidth = 0.7 * size * Double(shown.count)
                let left: Double = switch attribute("text-anchor") {
                case "middle": x - textWidth / 2
                case "end": x - textWidth
                default: x
                }
                #expect(left >= 0 && left + textWidth <= width, "\"\(shown)\" spans x \(left)...\(left + textWidth) of \(width)")
                #expect(y - size >= 0 && y + size * 0.25 <= height, "\"\(shown)\" at y \(y) of \(height)")
                checked += 1
            }
        }
        #expect(checked >= 10, "the chart's axis labels were found")
    }

    @Test func nothingHasAFixedWidthWiderThanAPhone() throws {
        let page = Self.page()
        // Shapes inside an SVG are measured in its viewBox units, which scale with it; its own tag is not.
        let outside = page.replacingOccurrences(of: #"(<svg[^>]*>).*?</svg>"#, with: "$1</svg>", options: .regularExpression)
        for found in Self.matches(#"(?<![-\w])((?:min-)?width)\s*(?::|=)\s*"?([\d.]+)(px|em|rem)?"#, in: outside) {
            let value = try #require(Double(found[2]))
            let pixels = found[3] == "em" || found[3] == "rem" ? value * 16 : value
            #expect(pixels <= 420, "\(found[0])")
        }
        #expect(Self.matches(#"<svg class="trend"[^>]*\bwidth="#, in: page).isEmpty, "the chart has no fixed width")
        #expect(page.contains("svg.trend{width:100%"))
        #expect(page.contains(#"<meta name="viewport""#))
    }

    @Test func failuresComeFirstAndTheJumpLinksReachThem() throws {
        let page = Self.page()
        let samples = Self.matches(#"<details class="sample" id="([^"]+)"[^>]*><summary><span class="badge (\w+)">"#, in: page)
        #expect(samples.map { $0[2] } == ["error", "fail", "fail", "pass", "pass"])
        let links = Self.matches(##"<li><a href="#([^"]+)">"##, in: page).map { $0[1] }
        #expect(links == samples.prefix(3).map { $0[1] }, "one jump link per sample not passed, in the page's order")
        for link in links { #expect(page.components(separatedBy: "id=\"\(link)\"").count == 2, "\(link) is one element's id") }
        #expect(page.contains(##"<a href="#samples">"##) && page.contains(#"<h2 id="samples">"#))
    }

    @Test func aSampleShowsItsPromptWhatItWasJudgedAgainstAndADiff() throws {
        let page = Self.page()
        #expect(page.contains("<div class=\"label\">Prompt</div><pre>Question &lt;a&gt; &amp; friends</pre>"))
        #expect(page.contains("<div class=\"label\">Gold query</div><pre>SELECT &#39;b&#39; -- gold</pre>"))
        #expect(page.contains("<pre class=\"diff\"><span>  (name)</span><span>  Ada</span><del>− Grace</del><ins>+ Linus</ins></pre>"))
        // The long log's end is shown first, in a box of 12 lines; its start only in the unfolded whole.
        let tail = try #require(Self.matches(#"<pre class="tail">(.*?)</pre>"#, in: page).first?[1])
        #expect(tail.hasSuffix("THE USEFUL LAST LINE") && tail.split(separator: "\n").count == SampleSection.tailLines)
        #expect(!tail.contains("log line 1\n"))
        #expect(page.contains("the last 12 of 41 lines"))
    }

    @Test func theModelTableShowsTokensCostLatencyAndPassAtK() {
        let page = Self.page()
        #expect(page.contains("<td><span class=\"nw\">m1</span></td>"))
        #expect(page.contains("30&nbsp;+ 15</td><td class=\"rate\">$0.0030</td><td class=\"rate\">833&nbsp;ms · 600&nbsp;ms · 1.50&nbsp;s"))
        #expect(page.contains(#"<span class="nw">pass@1 0.500</span> · <span class="nw">pass@2 1.000</span></td>"#))
        #expect(page.contains(#"<span class="nw">pass^1 0.500</span> · <span class="nw">pass^2 0.000</span></td>"#))
        // No figure breaks inside: 833 ms, not 833 / ms.
        #expect(page.contains("833&nbsp;ms · 600&nbsp;ms · 1.50&nbsp;s"))
        #expect(page.contains("30&nbsp;+ 15"))
    }

    /// pass@k and pass^k for fixed k over the cases with at least k samples, each case's estimate from its own n
    /// and c: a case of 3 samples counts for k = 2, and a case of 5 alone for k = 5, said so.
    @Test func passAtKIsTheMeanUnbiasedEstimateForFixedK() {
        func result(_ caseID: String, _ sample: Int, _ passed: Bool) -> GradedSample {
            GradedSample(sample: Sample(suite: "s", caseID: caseID, sampleID: "\(sample)", model: "m", response: ""),
                         pattern: .sql, verdict: passed ? .pass("ok") : Verdict(.fail, "no"), duration: 0)
        }
        // x: 1 of 3 passed; y: 1 of 2; z: 4 of 5; w: one sample, not counted.
        let counts = ["x": (3, 1), "y": (2, 1), "z": (5, 4)]
        let results = counts.sorted { $0.key < $1.key }.flatMap { caseID, nc in (0..<nc.0).map { result(caseID, $0, $0 < nc.1) } }
            + [result("w", 0, false)]
        let report = RunReport(runID: "r", startedAt: Date(), duration: 0, suites: [], results: results)
        let page = String(decoding: HTMLRenderer().render(report), as: UTF8.self)
        // pass@1 (1/3 + 1/2 + 4/5) / 3; pass@2 (2/3 + 1 + 1) / 3; pass@5 z alone.
        #expect(page.contains(#"<span class="nw">pass@1 0.544</span> · <span class="nw">pass@2 0.889</span> · "#
            + #"<span class="nw">pass@5 1.000 <span class="muted">(1 of 3 cases)</span></span></td>"#))
        // pass^2 (0 + 0 + 6/10) / 3, lower than pass^1; pass^5 z alone, which passed 4 of 5.
        #expect(page.contains(#"<span class="nw">pass^1 0.544</span> · <span class="nw">pass^2 0.200</span> · "#
            + #"<span class="nw">pass^5 0.000 <span class="muted">(1 of 3 cases)</span></span></td>"#))
        #expect(!page.contains("pass@3") && !page.contains("pass@10"))
        #expect(page.contains("for k = 1, 2, 5, 10, the mean over the cases with at least k samples"))
    }

    @Test func theTrendChartTellsTwelveSeriesApart() throws {
        let page = Self.page()
        let chart = try #require(Self.matches(#"<svg class="trend".*?</svg>"#, in: page).first?[0])
        let series = Self.matches(#"<g class="series s-(\d+)">(.*?)</g>"#, in: chart)
        #expect(series.count == 12)
        let styles = (0..<12).map { TrendChart.style($0) }
        #expect(Set(styles.map { "\($0.colour) \($0.marker)" }).count == 12, "no colour and marker pair repeats")
        #expect(Set((0..<40).map { "\(TrendChart.style($0))" }).count == 40)
        // The series graded in one run only still shows: its marker, with its value on hover.
        let lonely = try #require(series.first { $0[2].contains("suite-11-") })
        #expect(Self.matches(#"<title>"#, in: lonely[2]).count == 1)
        #expect(lonely[2].contains("<title>#3 2026-12-03 12:00 — suite-11-with-a-rather-long-name [model-&lt;2&gt;]: "
            + "75.0% (3 of 4)</title>"))
        let firstRound = try #require(series.first { $0[2].contains("suite-3-") })
        #expect(firstRound[2].contains("<title>#1 2026-12-01 12:00 — suite-3-with-a-rather-long-name [model-&lt;0&gt;], "
            + "first round: 0.0% (0 of 4)</title>"))
        // The two equal series are drawn apart.
        let ys = series.prefix(2).map { Self.matches(#"points="([^"]*)""#, in: $0[2]).first?[1] ?? "" }
        #expect(ys[0] != ys[1] && !ys[0].isEmpty)
        #expect(chart.contains("class=\"first-round\"") && chart.contains("stroke-dasharray"))
        #expect(chart.contains(">12-01 12:00</text>") && chart.contains(">12-05 12:00</text>"), "run dates on the x axis")
        #expect(page.contains("<input type=\"radio\" name=\"trend-pick\" id=\"pick-11\">"))
        #expect(page.contains("#pick-11:checked~svg .series:not(.s-11){opacity:.08}"))
        #expect(page.contains("<label for=\"pick-3\">") && page.contains("model-&lt;0&gt;"))
        #expect(!page.contains("<script"), "the page reads without scripts")
    }

    /// `count` runs a minute apart of four series, two always passing and two always failing.
    static func flatHistory(_ count: Int, subset: Set<Int> = []) -> [HistoryRun] {
        (0..<count).map { run in
            let samples = (0..<4).map { series in
                GradedSample(sample: Sample(suite: "s\(series)", caseID: "c", sampleID: "1", model: "m", response: ""),
                             pattern: .sql, verdict: series < 2 ? .pass("ok") : Verdict(.fail, "no"), duration: 0)
            }
            return HistoryRun(runID: "run-\(run)", startedAt: String(format: "2026-12-02T15:%02d:00Z", run % 60),
                              samples: samples, selection: subset.contains(run) ? "--case c: 1 of 9 cases" : nil)
        }
    }

    /// The x axis of 2 to 40 runs: labels never overlap (at 0.7 em a character), the first and the last run are
    /// always labelled, and every label lies below the lowest marker.
    @Test func runLabelsNeverOverlapAndKeepTheFirstAndLast() throws {
        for count in 2...40 {
            let chart = TrendChart(history: Self.flatHistory(count)).render()
            let dates = Self.matches(#"<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)" text-anchor="(\w+)"[^>]*>(\d\d-\d\d \d\d:\d\d)</text>"#,
                                     in: chart)
            let numbers = Self.matches(#"<text x="[\d.]+" y="([\d.]+)"[^>]*>#(\d+)"#, in: chart)
            #expect(numbers.first?[2] == "1" && numbers.last?[2] == "\(count)", "\(count) runs: first and last labelled")
            #expect(dates.count == numbers.count)
            let spans = try dates.map { found -> (Double, Double) in
                let (x, size) = (try #require(Double(found[1])), try #require(Double(found[3])))
                let width = 0.7 * size * Double(found[5].count)
                return switch found[4] {
                case "start": (x, x + width)
                case "end": (x - width, x)
                default: (x - width / 2, x + width / 2)
                }
            }
            for (left, right) in zip(spans, spans.dropFirst()) {
                #expect(left.1 < right.0, "\(count) runs: labels at \(left) and \(right) overlap")
            }
            let lowest = Self.matches(#"<polyline [^>]*points="([^"]+)""#, in: chart).flatMap { $0[1].split(separator: " ") }
                .compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }.max() ?? 0
            for number in numbers {
                let top = try #require(Double(number[1])) - TrendChart.fontSize
                #expect(top > lowest + 4.2 + 1, "\(count) runs: run number at \(number[1]) under a marker at \(lowest)")
            }
        }
    }

    /// Series with equal values are drawn side by side, a couple of units apart, and never beyond 0 % or 100 %.
    @Test func seriesSideBySideStayBetweenZeroAndAHundredPercent() throws {
        let chart = TrendChart(history: Self.flatHistory(3)).render()
        let plot = TrendChart.plot
        let (top, bottom) = (plot.top, TrendChart.height - plot.bottom)
        let lines = Self.matches(#"<polyline fill="none"[^>]*points="([^"]+)""#, in: chart).map { found in
            found[1].split(separator: " ").compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        }
        #expect(lines.count == 4)
        let ys = lines.map { $0.first ?? -1 }
        #expect(ys[0] != ys[1] && ys[2] != ys[3], "equal series are drawn apart")
        for y in lines.joined() {
            #expect(y >= top && y <= bottom, "\(y) outside \(top)...\(bottom)")
        }
        #expect(ys[0...1].allSatisfy { $0 - top <= TrendChart.tieSpread } && ys[2...3].allSatisfy { bottom - $0 <= TrendChart.tieSpread })
    }

    /// A run of a subset shows as one: a hollow marker, `(subset)` in its hover, `#2*` on the axis, and a note.
    @Test func aSubsetRunIsMarkedInTheChart() throws {
        let chart = TrendChart(history: Self.flatHistory(3, subset: [1])).render()
        #expect(chart.contains(">#2*<title>#2 2026-12-02 15:01 (subset): run-1</title>"))
        #expect(chart.contains(">#1<title>#1 2026-12-02 15:00: run-0</title>"))
        let hollow = Self.matches(##"<circle [^>]*fill="#fff" stroke="#0969da"[^>]*><title>([^<]*)</title>"##, in: chart).map { $0[1] }
        #expect(hollow == ["#2 2026-12-02 15:01 (subset) — s0 [m]: 100.0% (1 of 1)"])
        #expect(chart.contains("A hollow marker and a run number with * are a run of a subset of the cases"))
        #expect(!TrendChart(history: Self.flatHistory(3)).render().contains("subset"))
    }

    /// The run's notes (its selection, gates, --no-judge) show near the top, as in the summary.
    @Test func theRunsNotesShowAtTheTop() throws {
        var report = Self.report()
        report.properties["selection"] = "--case a: 1 of 3 cases (1 of 1 suites)"
        report.notes = ["selection --case a: 1 of 3 cases (1 of 1 suites): the other cases were not graded, and no gate covers them",
                        "gate met: pass rate <100%> ≥ 50%"]
        let page = String(decoding: HTMLRenderer().render(report), as: UTF8.self)
        let notes = try #require(Self.matches(#"<ul class="notes">(.*?)</ul>"#, in: page).first?[1])
        #expect(notes == "<li>selection --case a: 1 of 3 cases (1 of 1 suites): the other cases were not graded, and no gate "
            + "covers them</li><li>gate met: pass rate &lt;100%&gt; ≥ 50%</li>")
        #expect(page.range(of: "<ul class=\"notes\">")!.lowerBound < page.range(of: "<nav>")!.lowerBound)
        // A report with the selection but no note of it (an older merge) still says so.
        report.notes = []
        let bare = String(decoding: HTMLRenderer().render(report), as: UTF8.self)
        #expect(bare.contains("<li>selection: --case a: 1 of 3 cases (1 of 1 suites); the other cases were not graded</li>"))
        #expect(!String(decoding: HTMLRenderer().render(Self.report()), as: UTF8.self).contains("class=\"notes\""))
    }

    /// The comparison names its sides as the console does and says what each passed.
    @Test func theComparisonNamesItsSidesInBrackets() {
        let page = Self.page()
        #expect(page.contains("<li>no significant difference on all cases: <span class=\"nw\">[m1]</span> passed 0, "
            + "<span class=\"nw\">[m2]</span> passed 0, of 1 paired, p = "))
        #expect(page.contains("<h2>Compared with <span class=\"nw\">m1</span></h2>"))
    }

    @Test func theShippedChecksSayWhatAnAnswerIsJudgedAgainst() {
        #expect(SQLCheck(databases: [], gold: "SELECT 1").reference == [CaseReference("Gold query", "SELECT 1")])
        #expect(PythonCheck(tests: "assert f() == 1", stdin: "3\n", stdoutContains: ["6"]).reference == [
            CaseReference("Standard input", "3\n"), CaseReference("Tests", "assert f() == 1"),
            CaseReference("Output must contain", "6")])
        #expect(ExplainCheck(mentions: ["NULL", "zero"]).reference.first == CaseReference("Must mention", "NULL\nzero"))
    }

    @Test func lineDiffKeepsTheCommonLines() {
        #expect(SampleSection.lineDiff(["a", "b", "c"], ["a", "c", "d"]) == [.same("a"), .removed("b"), .same("c"), .added("d")])
        #expect(SampleSection.lineDiff([], ["x"]) == [.added("x")])
    }

    /// Chromium lays out the page at 420 px: nothing wider than the window, every chart text inside its box, every
    /// jump link's target present. The probe script goes into a copy only; the page itself has none.
    @Test(.enabled(if: Self.chromium != nil, "Chromium is not installed (apt-get install -y chromium): skipped; the checks without a browser ran"))
    func chromiumLaysThePageOutAt420Pixels() throws {
        let browser = try #require(Self.chromium)
        let probe = """
            <script>addEventListener('load', () => {
              const out = [];
              // Headless windows are at least 500 px wide: the page is laid out 420 px wide instead.
              document.documentElement.style.width = '420px';
              const body = document.body;
              if (body.scrollWidth > body.clientWidth) out.push('page ' + body.scrollWidth + ' wider than ' + body.clientWidth);
              for (const svg of document.querySelectorAll('svg[viewBox]')) {
                const box = svg.viewBox.baseVal;
                for (const text of svg.querySelectorAll('text')) {
                  const b = text.getBBox();
                  if (b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 0.5)
                    out.push('text "' + text.textContent + '" outside its viewBox');
                }
              }
              for (const a of document.querySelectorAll('a[href^="#"]'))
                if (a.getAttribute('href').length > 1 && !document.getElementById(a.getAttribute('href').slice(1)))
                  out.push('no target for ' + a.getAttribute('href'));
              const p = document.createElement('pre'); p.id = 'probe'; p.textContent = 'PRO' + 'BE[' + out.join('|') + ']END';
              document.body.appendChild(p);
            });</script>
            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("index.html")
        try Self.page().replacingOccurrences(of: "</body>", with: probe + "</body>").write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=420,900",
                             "--virtual-time-budget=5000", "--user-data-dir=\(directory.path)/profile", "--dump-dom",
                             file.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let found = try #require(Self.matches(#"PROBE\[(.*?)\]END"#, in: dom).first?[1], "Chromium printed the laid-out page")
        #expect(found.isEmpty, "\(found.split(separator: "|").prefix(10))")
    }
}
