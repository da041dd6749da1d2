/// A failure of the sandbox itself, never of the program it runs.
public struct PythonSandboxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
