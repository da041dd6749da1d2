import Foundation
import ProctorCore

/// The sides `proctor compare` compares: one per results file, or, for one file, one per (model, variant) group.
public enum ComparisonSides {
    /// Reads `files` into sides labelled by file name; a single file is split by model and variant (only the
    /// groups `chosen` names, in that order, when given; spacing around commas does not matter). File names that
    /// repeat are replaced by the paths as given, or numbered.
    ///
    /// Throws `BadInput` for unreadable files, a chosen group the file lacks, or fewer than two sides.
    public static func read(_ files: [String], choosing chosen: [String] = []) throws -> [Comparison.Side] {
        var sides: [Comparison.Side] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            do {
                let rows = try ResultsReader.samples(URL(fileURLWithPath: file), displayPath: file)
                sides.append(Comparison.Side(label: URL(fileURLWithPath: file).lastPathComponent, rows: rows))
            } catch let error as BadInput {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        if sides.count == 1, let only = sides.first, let file = files.first {
            sides = try groups(of: only, in: file, choosing: chosen)
        }
        if Set(sides.map(\.label)).count != sides.count {
            // Files of one name in several folders: named by their paths as given, or numbered if those repeat too.
            let paths = Set(files).count == files.count
            for index in sides.indices {
                sides[index].label = paths ? files[index] : "\(index + 1):\(sides[index].label)"
                sides[index].name = sides[index].label
            }
        }
        return sides
    }

    private static func groups(of only: Comparison.Side, in file: String, choosing chosen: [String]) throws
        -> [Comparison.Side]
    {
        var groups: [String: [GradedSample]] = [:]
        var order: [String] = []
        for row in only.rows {
            let group = row.sample.key.modelGroup
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(row)
        }
        if !chosen.isEmpty {
            let chosen = chosen.map(normalised)
            let unknown = chosen.filter { groups[$0] == nil }
            guard unknown.isEmpty else {
                throw BadInput(.error(
                    "no samples of \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in \(file)",
                    at: SourceLocation(file: file), hint: "its sides: \(order.map { "'\($0)'" }.joined(separator: ", "))"))
            }
            order = chosen
        }
        guard order.count >= 2 else {
            throw BadInput(.error(
                "only one model and variant in \(only.label): nothing to compare", at: SourceLocation(file: file),
                hint: "name two results files, or one from a run of several models or variants"
                    + (only.rows.contains { !$0.rounds.isEmpty } ? "; its repair rounds compare with --first-vs-final" : "")))
        }
        return order.map { Comparison.Side(label: $0, name: "[\($0)]", rows: groups[$0] ?? []) }
    }

    /// A `--side` as a group label: `demo-model,explain-ok`, ` demo-model ,  explain-ok ` and
    /// `[demo-model, explain-ok]` (as printed) all name `demo-model, explain-ok`.
    public static func normalised(_ side: String) -> String {
        var text = side.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") && text.hasSuffix("]") && text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        return text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    /// What a side holds, for a comparison that pairs nothing: `6 sample(s): s [m] 3, s [n] 3` (by suite, model
    /// and variant, in order of appearance).
    public static func holdings(_ side: Comparison.Side) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for row in side.rows {
            let group = "\(row.sample.suite) [\(row.sample.key.modelGroup)]"
            if counts[group] == nil { order.append(group) }
            counts[group, default: 0] += 1
        }
        return "\(side.rows.count) sample(s)" + (order.isEmpty ? "" : ": " + order.map { "\($0) \(counts[$0] ?? 0)" }
            .joined(separator: ", "))
    }

    /// A warning when the sides' explanations were judged by different judges (or one side by none): a flip there
    /// may be the judges', not the models'.
    public static func judgeWarning(_ sides: [Comparison.Side]) -> String? {
        let judges = sides.map { side in
            Set(side.rows.compactMap { $0.verdict.details.judge.map { "\($0.model) (\($0.settings ?? "settings unknown"))" } })
        }
        guard Set(judges).count > 1 else { return nil }
        return "warning: the sides' explanations were judged differently: " + zip(sides, judges).map { side, names in
            "\(side.label) by " + (names.isEmpty ? "no judge" : names.sorted().joined(separator: ", "))
        }.joined(separator: "; ") + "; flips of judged cases may be the judges', not the models'"
    }
}
