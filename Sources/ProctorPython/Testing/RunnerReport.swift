/// The runner's messages, read from its private pipe; lines without the run's nonce are ignored.
struct RunnerReport {
    struct Message: Hashable {
        var kind: String
        var fields: [String]
    }

    static let finalKinds: Set<String> = ["passed", "failed", "crashed", "exited", "invalid-tests", "lint"]

    var messages: [Message]

    init(channel: String, nonce: String) {
        messages = channel.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            guard words.count >= 2, words[0] == nonce else { return nil }
            var fields: [String] = []
            for word in words.dropFirst(2) {
                guard let field = Self.decodeHex(word) else { return nil }
                fields.append(field)
            }
            return Message(kind: String(words[1]), fields: fields)
        }
    }

    /// The first final message, if the runner got that far.
    var final: Message? { messages.first { Self.finalKinds.contains($0.kind) } }

    func saw(_ kind: String) -> Bool { messages.contains { $0.kind == kind } }

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
