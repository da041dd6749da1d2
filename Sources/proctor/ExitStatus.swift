/// Proctor's exit codes, as documented in docs/cli.md.
enum ExitStatus {
    static let success: Int32 = 0
    static let gateFailed: Int32 = 1
    static let badInput: Int32 = 2
    static let internalFailure: Int32 = 3
}
