/// One lexical token of an SQL text, located by its UTF-8 byte range.
struct SQLToken: Sendable {
    enum Kind: Sendable, Equatable {
        /// A keyword or bare identifier.
        case word
        /// `"x"`, `[x]` or `` `x` ``.
        case quotedIdentifier
        case string
        case blob
        case number
        case parameter
        /// One of `( ) , ; .`
        case punctuation
        /// Any other operator character.
        case symbol
    }

    var kind: Kind
    var range: Range<Int>
    /// Parenthesis depth outside the token; a `(` and its `)` share their depth.
    var depth: Int
}
