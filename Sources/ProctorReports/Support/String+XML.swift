extension String {
    /// The string without the characters XML 1.0 forbids: C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF.
    ///
    /// Surrogates cannot occur in a Swift string, so what remains is always a legal XML 1.0 character sequence.
    var xmlSafe: String {
        guard unicodeScalars.contains(where: { !$0.isXMLCharacter }) else { return self }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: unicodeScalars.lazy.filter(\.isXMLCharacter))
        return String(result)
    }
}

extension Unicode.Scalar {
    fileprivate var isXMLCharacter: Bool {
        switch value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}
