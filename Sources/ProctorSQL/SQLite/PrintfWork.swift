/// How many bytes SQLite's `printf()` writes or loops over for one format and its arguments, at least.
///
/// Counts each conversion's width and, where the precision makes output (`%c` repeats, zero-padded numbers,
/// float digits — also `%g`'s, trimmed only after they were written), its precision; a string conversion's
/// precision only caps what is read, so it does not count. The format is read the way SQLite 3.40's
/// `sqlite3_str_vappendf` reads it in SQL-function mode: the same flags, `*` arguments (truncated to 32 bits,
/// a negative precision made positive), and the same stop at an unknown conversion.
struct PrintfWork {
    /// The format's bytes, up to its first NUL as SQLite reads it.
    let format: [UInt8]
    /// The integer value of argument `index` (0 is the first after the format), or 0 past the last.
    let integer: (Int) -> Int64

    var bytes: Int64 {
        var total: Int64 = 0
        var next = 0
        func argument() -> Int64 {
            defer { next += 1 }
            return integer(next)
        }
        var index = 0
        func at(_ position: Int) -> UInt8 { position < format.count ? format[position] : 0 }

        while at(index) != 0 {
            guard at(index) == UInt8(ascii: "%") else {
                index += 1
                continue
            }
            index += 1
            var c = at(index)
            if c == 0 { break }
            var width: Int64 = 0
            var precision: Int64 = -1
            var done = false
            repeat {
                switch c {
                case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: " "), UInt8(ascii: "#"), UInt8(ascii: "!"),
                    UInt8(ascii: "0"), UInt8(ascii: ","):
                    break
                case UInt8(ascii: "l"):
                    index += 1
                    c = at(index)
                    if c == UInt8(ascii: "l") {
                        index += 1
                        c = at(index)
                    }
                    done = true
                case UInt8(ascii: "1")...UInt8(ascii: "9"):
                    var digits = UInt32(c - UInt8(ascii: "0"))
                    index += 1
                    c = at(index)
                    while c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                        digits = digits &* 10 &+ UInt32(c - UInt8(ascii: "0"))
                        index += 1
                        c = at(index)
                    }
                    width = Int64(digits & 0x7fff_ffff)
                    if c != UInt8(ascii: ".") && c != UInt8(ascii: "l") {
                        done = true
                    } else {
                        index -= 1
                    }
                case UInt8(ascii: "*"):
                    let value = Int64(Int32(truncatingIfNeeded: argument()))
                    width = value >= 0 ? value : (value >= -2_147_483_647 ? -value : 0)
                    c = at(index + 1)
                    if c != UInt8(ascii: ".") && c != UInt8(ascii: "l") {
                        index += 1
                        c = at(index)
                        done = true
                    }
                case UInt8(ascii: "."):
                    index += 1
                    c = at(index)
                    if c == UInt8(ascii: "*") {
                        let value = Int64(Int32(truncatingIfNeeded: argument()))
                        precision = value >= 0 ? value : (value >= -2_147_483_647 ? -value : -1)
                        index += 1
                        c = at(index)
                    } else {
                        var digits: UInt32 = 0
                        while c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                            digits = digits &* 10 &+ UInt32(c - UInt8(ascii: "0"))
                            index += 1
                            c = at(index)
                        }
                        precision = Int64(digits & 0x7fff_ffff)
                    }
                    if c == UInt8(ascii: "l") {
                        index -= 1
                    } else {
                        done = true
                    }
                default:
                    done = true
                }
                if !done {
                    index += 1
                    c = at(index)
                }
            } while !done && c != 0

            switch Character(Unicode.Scalar(c)) {
            case "d", "i", "u", "x", "X", "o", "p", "r", "f", "e", "E", "g", "G", "c":
                _ = argument()
                total += max(width, precision)
            case "s", "z", "q", "Q", "w":
                _ = argument()
                total += width
            case "%":
                total += width
            case "n":
                break
            default:
                // SQLite stops formatting at an unknown conversion (and at %T, %S outside its own use).
                return total
            }
            index += 1
        }
        return total
    }
}
