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
        #expect(page.contains("<td>m1</td>"))
        #expect(page.contains("30 + 15</td><td class=\"rate\">$0.0030</td><td class=\"rate\">833 ms · 600 ms · 1.50 s"))
        #expect(page.contains("pass@1&nbsp;0.500 · pass@2&nbsp;1.000"))
        #expect(page.contains("pass^1&nbsp;0.500 · pass^2&nbsp;0.000"))
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
        #expect(lonely[2].contains("3/4 passed (75.0%)"))
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
