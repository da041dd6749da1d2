import ProctorCore
import ProctorReports

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
        var diagnostics: [Diagnostic] = []
        for case let (flag, path?) in named {
            do {
                try ReportFile.check(path)
            } catch let error as ReportError {
                diagnostics.append(.error(
                    "\(flag) cannot be written: \(error.description)", at: SourceLocation(file: path),
                    hint: "give \(flag) a file path in a folder you can write to"))
            }
        }
        if diagnostics.isEmpty, let history {
            _ = try HistoryStore(path: history)
        }
        if !diagnostics.isEmpty { throw BadInput(diagnostics) }
    }
}
