import Foundation
import ProctorCore

/// The pass-rate-over-time chart of the HTML page: one line per suite, model and variant, each with its own
/// colour and marker pair, a dashed first-round line where some samples allowed repair, and a legend of radio
/// labels that picks one series (CSS only; every series shows without it).
///
/// The SVG has a `viewBox` and no fixed width, so it scales to the page; the legend is HTML beside it, so long
/// labels wrap instead of leaving the picture.
struct TrendChart {
    var history: [HistoryRun]

    /// Units of the viewBox.
    static let width = 440.0
    static let height = 230.0
    static let plot = (left: 42.0, right: 10.0, top: 14.0, bottom: 40.0)
    static let fontSize = 11.0
    /// Most units between the outermost of series with equal values at one run, and between neighbours: enough to
    /// see the lines side by side, too little to misread a value (1 percentage point is 1.76 units).
    static let tieSpread = 4.0
    static let tieSpacing = 2.0
    /// Baselines of the x-axis labels below the plot: the run number, then its date.
    static let labelLines = (number: 18.0, date: 32.0)
    /// Least units between two x-axis labels.
    static let labelGap = 8.0
    static let colours = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#bf3989", "#0a7d8c", "#4d2d00"]
    static let markers = ["circle", "square", "triangle", "diamond", "cross"]

    /// Colour and marker of the `number`th series: no pair repeats within the first colours × markers (40) series,
    /// and the first eight differ in both.
    static func style(_ number: Int) -> (colour: String, marker: String) {
        (colours[number % colours.count], markers[(number + number / colours.count) % markers.count])
    }

    func render() -> String {
        let summary = HistorySummary(history)
        guard history.count >= 2, !summary.trends.isEmpty else { return "" }
        let (width, height, plot) = (Self.width, Self.height, Self.plot)
        let plotWidth = width - plot.left - plot.right
        let plotHeight = height - plot.top - plot.bottom
        let step = plotWidth / Double(max(1, history.count - 1))
        let index = Dictionary(history.enumerated().map { ($1.runID, $0) }, uniquingKeysWith: { first, _ in first })
        let trends = summary.trends
        func x(_ position: Int) -> Double { plot.left + step * Double(position) }
        func y(_ rate: Double, _ offset: Double) -> Double { plot.top + plotHeight * (1 - rate) + offset }
        let offsets = Self.tieOffsets(trends, index: index, plotHeight: plotHeight)

        var html = "<h2 id=\"trend\">Pass rate over the last \(history.count) runs</h2>\n<div class=\"chart\">\n"
        html += "<style>" + trends.indices.map { number in
            "#pick-\(number):checked~svg .series:not(.s-\(number)){opacity:.08}"
                + "#pick-\(number):checked~.legend label[for=pick-\(number)]{font-weight:700;background:#ddf4ff}"
        }.joined() + "#pick-all:checked~.legend label[for=pick-all]{font-weight:700}</style>\n"
        html += "<input type=\"radio\" name=\"trend-pick\" id=\"pick-all\" checked>"
            + trends.indices.map { "<input type=\"radio\" name=\"trend-pick\" id=\"pick-\($0)\">" }.joined() + "\n"
        html += "<svg class=\"trend\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-label=\"pass rate per run, one line per suite, model and variant\">\n"
        for tick in [0, 25, 50, 75, 100] {
            let ty = y(Double(tick) / 100, 0)
            html += "<line x1=\"\(plot.left)\" x2=\"\(width - plot.right)\" y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"#eaeef2\"/>"
                + "<text x=\"\(plot.left - 4)\" y=\"\(ty + 4)\" font-size=\"\(Int(Self.fontSize))\" text-anchor=\"end\" "
                + "fill=\"#57606a\">\(tick)%</text>\n"
        }
        // A tick for every run; labels (number and date) for as many as fit without touching, always the first and
        // the last, below the lowest markers.
        for position in history.indices {
            html += "<line x1=\"\(Self.format(x(position)))\" x2=\"\(Self.format(x(position)))\" "
                + "y1=\"\(height - plot.bottom)\" y2=\"\(height - plot.bottom + 4)\" stroke=\"#8c959f\"/>"
        }
        html += "\n"
        for label in Self.axisLabels(history, x: x) {
            let run = history[label.position]
            let tx = Self.format(label.x)
            let text = "font-size=\"\(Int(Self.fontSize))\" text-anchor=\"\(label.anchor)\" fill=\"#57606a\""
            html += "<line x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(plot.top)\" y2=\"\(height - plot.bottom)\" stroke=\"#f3f4f6\"/>"
                + "<text x=\"\(tx)\" y=\"\(height - plot.bottom + Self.labelLines.number)\" \(text)>#\(label.position + 1)"
                + (run.selection == nil ? "" : "*")
                + "<title>\(HTMLRenderer.escape(Self.runTitle(run, position: label.position) + ": " + run.runID))</title></text>"
                + "<text x=\"\(tx)\" y=\"\(height - plot.bottom + Self.labelLines.date)\" \(text)>"
                + "\(HTMLRenderer.escape(Self.shortDate(run)))</text>\n"
        }
        for (number, trend) in trends.enumerated() {
            let (colour, marker) = Self.style(number)
            html += "<g class=\"series s-\(number)\">"
            func points(first: Bool) -> [(x: Double, y: Double, point: HistorySummary.Trend.Point, passed: Int)] {
                trend.points.compactMap { point in
                    guard let position = index[point.runID], point.total > 0,
                          let passed = first ? point.firstPassed : point.passed else { return nil }
                    let offset = offsets[Tie(series: number, first: first, position: position)] ?? 0
                    return (x(position), y(Double(passed) / Double(point.total), offset), point, passed)
                }
            }
            let final = points(first: false)
            html += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" points=\""
                + final.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ") + "\"/>"
            if trend.hasFirstRound {
                let first = points(first: true)
                html += "<polyline class=\"first-round\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" "
                    + "stroke-dasharray=\"5 4\" points=\""
                    + first.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ") + "\"/>"
                for point in first {
                    let position = index[point.point.runID] ?? 0
                    let title = Self.pointTitle(history[position], position: position, group: trend.group + ", first round",
                                                passed: point.passed, total: point.point.total)
                    html += "<circle cx=\"\(Self.format(point.x))\" cy=\"\(Self.format(point.y))\" r=\"2\" fill=\"#fff\" "
                        + "stroke=\"\(colour)\"><title>\(HTMLRenderer.escape(title))</title></circle>"
                }
            }
            for point in final {
                let position = index[point.point.runID] ?? 0
                let run = history[position]
                let title = Self.pointTitle(run, position: position, group: trend.group, passed: point.passed, total: point.point.total)
                html += Self.marker(marker, x: point.x, y: point.y, colour: colour, title: HTMLRenderer.escape(title),
                                    hollow: run.selection != nil)
            }
            html += "</g>\n"
        }
        html += "</svg>\n<div class=\"legend\"><label for=\"pick-all\">all series</label>"
        for (number, trend) in trends.enumerated() {
            let (colour, marker) = Self.style(number)
            let last = trend.points.last.map { " \($0.passed)/\($0.total)" } ?? ""
            html += "<label for=\"pick-\(number)\"><svg class=\"swatch\" viewBox=\"0 0 24 12\" aria-hidden=\"true\">"
                + "<line x1=\"0\" x2=\"24\" y1=\"6\" y2=\"6\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
                + Self.marker(marker, x: 12, y: 6, colour: colour, title: nil) + "</svg>"
                + HTMLRenderer.escape(trend.group) + (trend.hasFirstRound ? " (dashed: first round)" : "")
                + "<span class=\"muted\">\(last)</span></label>"
        }
        html += "</div>\n<p class=\"muted\">Pick a series in the legend to fade the others; hover a marker for its run and value. "
            + "Series with equal values at a run are drawn side by side, a line's width apart, inside 0–100 %."
            + (history.contains { $0.selection != nil }
                ? " A hollow marker and a run number with * are a run of a subset of the cases: its rate covers only those." : "")
            + "</p>\n</div>\n"
        return html
    }

    /// One point of one line: the series, whether its first-round line, the run's position.
    struct Tie: Hashable {
        var series: Int
        var first: Bool
        var position: Int
    }

    /// Vertical offsets that spread the points with equal values at one run: evenly, ``tieSpacing`` apart and at
    /// most ``tieSpread`` from the outermost to the outermost, centred on the value but shifted so that none leaves
    /// the plot (0 to 100 %): at 100 % all lie on or below the line, at 0 % on or above it.
    static func tieOffsets(_ trends: [HistorySummary.Trend], index: [String: Int], plotHeight: Double) -> [Tie: Double] {
        var groups: [[Int]: [Tie]] = [:]
        for (number, trend) in trends.enumerated() {
            for point in trend.points where point.total > 0 {
                guard let position = index[point.runID] else { continue }
                for (first, passed) in [(false, Optional(point.passed)), (true, point.firstPassed)] {
                    guard let passed else { continue }
                    let permille = Int((Double(passed) / Double(point.total) * 1000).rounded())
                    groups[[position, permille], default: []].append(Tie(series: number, first: first, position: position))
                }
            }
        }
        var offsets: [Tie: Double] = [:]
        for (key, ties) in groups where ties.count > 1 {
            let spacing = min(tieSpacing, tieSpread / Double(ties.count - 1))
            let centred = ties.indices.map { (Double($0) - Double(ties.count - 1) / 2) * spacing }
            // Room above the value (up is negative y) and below it, inside the plot.
            let rate = Double(key[1]) / 1000
            let (up, down) = (plotHeight * (1 - rate), plotHeight * rate)
            let shift = max(-up - (centred.first ?? 0), min(0, down - (centred.last ?? 0)))
            for (tie, offset) in zip(ties, centred) { offsets[tie] = offset + shift }
        }
        return offsets
    }

    /// The x-axis labels: the first and the last run always, and between them, left to right, every run whose label
    /// keeps ``labelGap`` from its neighbours' (the first's starts at its run, the last's ends at its, the others
    /// are centred); a label is as wide as its date or number at 0.7 em a character.
    static func axisLabels(_ history: [HistoryRun], x: (Int) -> Double) -> [(position: Int, x: Double, anchor: String)] {
        guard !history.isEmpty else { return [] }
        let last = history.count - 1
        func width(_ position: Int) -> Double {
            0.7 * fontSize * Double(max(shortDate(history[position]).count, "#\(position + 1)*".count))
        }
        func extent(_ position: Int) -> (left: Double, right: Double) {
            let (centre, w) = (x(position), width(position))
            return position == 0 ? (centre, centre + w) : position == last ? (centre - w, centre) : (centre - w / 2, centre + w / 2)
        }
        var chosen = [0]
        if last > 0 {
            for position in 1..<last
            where extent(position).left >= extent(chosen[chosen.count - 1]).right + labelGap
                && extent(position).right + labelGap <= extent(last).left {
                chosen.append(position)
            }
            chosen.append(last)
        }
        return chosen.map { ($0, x($0), $0 == 0 ? "start" : $0 == last ? "end" : "middle") }
    }

    /// `#3 2026-12-02 15:50`, with ` (subset)` for a run of a subset of the cases.
    static func runTitle(_ run: HistoryRun, position: Int) -> String {
        "#\(position + 1) \(longDate(run))" + (run.selection == nil ? "" : " (subset)")
    }

    /// A marker's hover text: `#3 2026-12-02 15:50 — school [m1]: 40.0% (2 of 5)`.
    static func pointTitle(_ run: HistoryRun, position: Int, group: String, passed: Int, total: Int) -> String {
        "\(runTitle(run, position: position)) — \(group): \(HTMLRenderer.percent(Double(passed) / Double(total))) "
            + "(\(passed) of \(total))"
    }

    /// `2026-12-02 15:50` from the run's start (UTC, as stored), or the start as stored when it does not parse.
    static func longDate(_ run: HistoryRun) -> String {
        let text = run.startedAt.isEmpty ? run.runID : run.startedAt
        let d = Array(text.filter(\.isNumber))
        guard d.count >= 12 else { return text }
        return "\(String(d[0...3]))-\(String(d[4...5]))-\(String(d[6...7])) \(String(d[8...9])):\(String(d[10...11]))"
    }

    /// `12-02 14:05` from the run's start, or the run id's date part when the time does not parse.
    static func shortDate(_ run: HistoryRun) -> String {
        let text = run.startedAt.isEmpty ? run.runID : run.startedAt
        let digits = text.filter(\.isNumber)
        guard digits.count >= 12 else { return String(text.prefix(10)) }
        let d = Array(digits)
        return "\(String(d[4...5]))-\(String(d[6...7])) \(String(d[8...9])):\(String(d[10...11]))"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A marker shape centred on (x, y), with a hover title; hollow (white inside its outline) for a subset run.
    static func marker(_ shape: String, x: Double, y: Double, colour: String, title: String?, hollow: Bool = false) -> String {
        let body = title.map { "<title>\($0)</title>" } ?? ""
        let r = 3.2
        if hollow {
            let paint = "fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"1.4\""
            switch shape {
            case "square", "triangle", "diamond":
                return marker(shape, x: x, y: y, colour: colour, title: title)
                    .replacingOccurrences(of: "fill=\"\(colour)\"", with: paint)
            case "cross":
                // A cross has no inside: a hollow circle around a thin one.
                return "<g><circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"\(format(r + 1))\" \(paint)/>"
                    + marker(shape, x: x, y: y, colour: colour, title: title)
                    .replacingOccurrences(of: "stroke-width=\"2.4\"", with: "stroke-width=\"1.2\"") + "</g>"
            default:
                return "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"\(format(r))\" \(paint)>\(body)</circle>"
            }
        }
        switch shape {
        case "square":
            return "<rect x=\"\(format(x - r))\" y=\"\(format(y - r))\" width=\"\(format(2 * r))\" height=\"\(format(2 * r))\" "
                + "fill=\"\(colour)\">\(body)</rect>"
        case "triangle":
            return "<polygon points=\"\(format(x)),\(format(y - r - 0.8)) \(format(x + r + 0.6)),\(format(y + r)) "
                + "\(format(x - r - 0.6)),\(format(y + r))\" fill=\"\(colour)\">\(body)</polygon>"
        case "diamond":
            return "<polygon points=\"\(format(x)),\(format(y - r - 1)) \(format(x + r + 1)),\(format(y)) "
                + "\(format(x)),\(format(y + r + 1)) \(format(x - r - 1)),\(format(y))\" fill=\"\(colour)\">\(body)</polygon>"
        case "cross":
            return "<path d=\"M\(format(x - r)),\(format(y - r))L\(format(x + r)),\(format(y + r))M\(format(x - r)),"
                + "\(format(y + r))L\(format(x + r)),\(format(y - r))\" stroke=\"\(colour)\" stroke-width=\"2.4\" "
                + "fill=\"none\">\(body)</path>"
        default:
            return "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"\(format(r))\" fill=\"\(colour)\">\(body)</circle>"
        }
    }
}
