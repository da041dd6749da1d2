import Foundation

/// A named collection of cases loaded from one suite file.
public struct Suite: Sendable, Hashable {
    /// The suite name: the `suite` key, or the file name without extension.
    public var name: String
    /// The suite file.
    public var file: URL
    /// The default system prompt of the cases.
    public var system: String?
    public var description: String?
    public var cases: [Case]

    public init(name: String, file: URL, system: String? = nil, description: String? = nil, cases: [Case]) {
        self.name = name
        self.file = file
        self.system = system
        self.description = description
        self.cases = cases
    }
}
