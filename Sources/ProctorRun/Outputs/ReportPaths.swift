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
