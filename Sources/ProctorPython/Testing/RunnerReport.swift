/// The runner's messages, read strictly from its private pipe.
///
/// Every non-empty line must carry the run's nonce, a known kind and hex fields; the first line that does not is
/// kept as ``violation`` (a program wrote to the pipe), and nothing after it is read.
struct RunnerReport {
    struct Message: Hashable {
        var kind: RunnerMessage
        var fields: [String]

        func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
    }

    var messages: [Message] = []
    var violation: String?
    /// The run's nonce: output that holds it was written by a program that found it.
    let nonce: String

    init(channel: String, nonce: String) {
        self.nonce = nonce
        for line in channel.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            guard words.count >= 2, words[0] == nonce else {
                violation = "a line without the run's nonce on the report pipe"
                return
            }
            guard let kind = RunnerMessage(rawValue: String(words[1])) else {
                violation = "an unknown report kind"
                return
            }
            var fields: [String] = []
            for word in words.dropFirst(2) {
                guard let field = Self.decodeHex(word) else {
                    violation = "a malformed report field"
                    return
                }
                fields.append(field)
            }
            messages.append(Message(kind: kind, fields: fields))
        }
    }

    static func decodeHex(_ text: Substring) -> String? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
