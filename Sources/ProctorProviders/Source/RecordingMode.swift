/// Whether a run may ask the model, and for what.
public enum RecordingMode: String, Sendable, Hashable, CaseIterable {
    /// Only recordings; no socket is opened. A missing recording is bad input.
    case replay
    /// Ask the model for what has no recording, and record it.
    case record
    /// Ask the model for everything selected, and record it again.
    case refresh
}
