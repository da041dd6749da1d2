/// Values as the neighbour cache stores them: a type tag and the value, REALs by their exact bits.
extension SQLValue: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "null": self = .null
        case "integer": self = .integer(try container.decode(Int64.self, forKey: .value))
        case "real": self = .real(Double(bitPattern: try container.decode(UInt64.self, forKey: .value)))
        case "text": self = .text(try container.decode(String.self, forKey: .value))
        case "blob": self = .blob(try container.decode([UInt8].self, forKey: .value))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown type \(other)")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .null:
            try container.encode("null", forKey: .type)
        case .integer(let value):
            try container.encode("integer", forKey: .type)
            try container.encode(value, forKey: .value)
        case .real(let value):
            try container.encode("real", forKey: .type)
            try container.encode(value.bitPattern, forKey: .value)
        case .text(let value):
            try container.encode("text", forKey: .type)
            try container.encode(value, forKey: .value)
        case .blob(let value):
            try container.encode("blob", forKey: .type)
            try container.encode(value, forKey: .value)
        }
    }
}
