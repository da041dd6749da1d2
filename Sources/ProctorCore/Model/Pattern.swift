/// The kind of task a case poses to the model, which decides how its response is graded.
public enum Pattern: String, Sendable, Codable, CaseIterable, Hashable {
    case sql
    case explain
    case commentsToCode = "comments-to-code"
    case completion
}
