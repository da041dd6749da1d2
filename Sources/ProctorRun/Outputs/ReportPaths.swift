import ProctorCore
import ProctorReports
import Foundation

/// The files a run or merge writes; a nil path is not written.
public struct ReportPaths: Sendable, Hashable {
    public var junit: String?
    public var results: String?
    public var summary: String?
    public var html: String?
    /// The history database the run is appended to; the HTML report's trend is read from it.
    public var history: String?

    public init(
        junit: String? = nil, results: String? = nil, summary: String? = nil, html: String? = nil, history: String? = nil
    ) {
        self.junit = junit
        self.results = results
        self.summary = summary
        self.html = html
        self.history = history
    }

    /// The report files, in the order they are written, without the history.
    public var files: [String] { [junit, results, summary, html].compactMap { $0 } }

    /// Checks, before anything is graded, that every report can be written and the history appended to (opening
    /// it, creating or migrating it as the run would); anything else is `BadInput` naming the flag, so no grading
    /// is wasted and no report is replaced.
    public func check() throws {
        let named = [("--junit", junit), ("--results", results), ("--summary", summary), ("--html", html),
                     ("--history", history)]
        let diagnostics = named.flatMap { flag, path in path.map { Self.problems(writing: $0, flag: flag) } ?? [] }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
        if let history { _ = try HistoryStore(path: history) }
    }

    /// The same check for one file that another command writes (`import humaneval --output`, `compare --json`).
    public static func check(_ path: String, flag: String) throws {
        let diagnostics = problems(writing: path, flag: flag)
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
    }

    private static func problems(writing path: String, flag: String) -> [Diagnostic] {
        do {
            try ReportFile.check(path)
            return []
        } catch {
            return [.error(
                "\(flag) cannot be written: \(error)", at: SourceLocation(file: path),
                hint: "give \(flag) a file path in a folder you can write to")]
        }
    }
}

extension ReportPaths {
    /// The folder beside the reports where SQL neighbours are cached: `.neighbours` in the folder of the first
    /// report file (or the history); nil when no report is written.
    public var neighbourCache: URL? {
        guard let first = files.first ?? history else { return nil }
        return Self.neighbourCache(besideReportsIn: URL(fileURLWithPath: first).deletingLastPathComponent())
    }

    /// `.neighbours` in `folder`.
    public static func neighbourCache(besideReportsIn folder: URL) -> URL {
        folder.appendingPathComponent(".neighbours", isDirectory: true)
    }
}
