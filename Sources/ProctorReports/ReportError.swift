/// A report could not be rendered, validated or written.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
