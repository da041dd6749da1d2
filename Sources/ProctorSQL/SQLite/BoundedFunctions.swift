import CSQLite

/// Versions of the SQLite built-ins that can run for seconds inside one call, registered over them on a
/// connection: they refuse a call that would, and hand every other one to the built-in itself.
///
/// SQLite checks its progress handler and `sqlite3_interrupt` only between virtual-machine steps, never inside
/// a function. Measured with SQLite 3.40 on this machine: `printf('%.*c', 2147483647, 'x')` loops 9–14 s
/// although its result is NULL past `SQLITE_LIMIT_LENGTH`, a hundred `%.16000000g` take 1.3 s, and `instr`,
/// `replace`, `LIKE`, `GLOB` and two-argument `trim` compare in time proportional to the product of their
/// arguments' lengths (an 8 MB string against a 1,000-character LIKE pattern: 7.6 s; against a 10,000-character
/// trim set: over a minute). So `printf`/`format` refuse formats whose widths and precisions add up past the
/// value-length limit, the others refuse arguments whose lengths multiply past ``maxComparisons`` (≈0.15 s of
/// LIKE matching here), and each call first checks the statement's deadline. `zeroblob`, `randomblob`, `hex`,
/// `substr`, `char`, `group_concat` and the one-argument trims are linear in a result SQLite already caps.
final class BoundedFunctions {
    /// Most `length(a) × length(b)` bytes a comparing function may be given.
    static let maxComparisons: Int64 = 1 << 27

    private let watchdog: Watchdog
    private let maxValueLength: Int32
    private let builtins: BuiltinCaller
    private var registrations: [Registration] = []

    init(watchdog: Watchdog, maxValueLength: Int32) {
        self.watchdog = watchdog
        self.maxValueLength = maxValueLength
        builtins = BuiltinCaller(maxValueLength: maxValueLength)
    }

    /// Registers the bounded versions on `db`; they stay valid as long as this object.
    func register(on db: OpaquePointer) throws {
        let functions: [(String, Int32, Rule)] = [
            ("printf", -1, .printf), ("format", -1, .printf),
            ("like", 2, .product(0, 1)), ("like", 3, .product(0, 1)), ("glob", 2, .product(0, 1)),
            ("instr", 2, .product(0, 1)), ("replace", 3, .product(0, 1)),
            ("trim", 2, .product(0, 1)), ("ltrim", 2, .product(0, 1)), ("rtrim", 2, .product(0, 1)),
        ]
        for (name, count, rule) in functions {
            let registration = Registration(name: name, rule: rule, owner: self)
            registrations.append(registration)
            let rc = sqlite3_create_function_v2(
                db, name, count, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                Unmanaged.passUnretained(registration).toOpaque(),
                { context, count, values in
                    guard let context, let data = sqlite3_user_data(context) else { return }
                    let registration = Unmanaged<Registration>.fromOpaque(data).takeUnretainedValue()
                    registration.owner.call(registration, context, UnsafeBufferPointer(start: values, count: Int(count)))
                }, nil, nil, nil)
            guard rc == SQLITE_OK else {
                throw HarnessError(description: "cannot register the bounded \(name)(): \(String(cString: sqlite3_errmsg(db)))")
            }
        }
    }

    private func call(_ registration: Registration, _ context: OpaquePointer, _ values: UnsafeBufferPointer<OpaquePointer?>) {
        if ContinuousClock.now >= watchdog.deadline {
            watchdog.fired = true
            sqlite3_result_error_code(context, SQLITE_INTERRUPT)
            return
        }
        if let refusal = refusal(registration, values) {
            sqlite3_result_error(context, refusal, -1)
            return
        }
        builtins.call(registration.name, context, values)
    }

    /// Why this call would run too long, or nil.
    private func refusal(_ registration: Registration, _ values: UnsafeBufferPointer<OpaquePointer?>) -> String? {
        switch registration.rule {
        case .printf:
            guard let first = values.first, let text = sqlite3_value_text(first) else { return nil }
            let count = Int(sqlite3_value_bytes(first))
            let format = Array(UnsafeBufferPointer(start: text, count: count).prefix { $0 != 0 })
            let work = PrintfWork(format: format) { index in
                index + 1 < values.count ? sqlite3_value_int64(values[index + 1]) : 0
            }
            guard work.bytes > Int64(maxValueLength) else { return nil }
            return "\(registration.name)() width or precision too large: \(work.bytes) bytes, more than the \(maxValueLength)-byte limit"
        case .product(let a, let b):
            guard a < values.count, b < values.count else { return nil }
            let left = Int64(sqlite3_value_bytes(values[a]))
            let right = Int64(sqlite3_value_bytes(values[b]))
            guard left * right > Self.maxComparisons else { return nil }
            return "\(registration.name)() arguments too long: \(left) × \(right) bytes to compare, more than \(Self.maxComparisons)"
        }
    }

    /// What makes a call too long.
    enum Rule {
        /// The widths and precisions of a `printf` format.
        case printf
        /// The product of the byte lengths of two arguments.
        case product(Int, Int)
    }

    /// One registered function: what SQLite hands back to the callback.
    private final class Registration {
        let name: String
        let rule: Rule
        unowned let owner: BoundedFunctions

        init(name: String, rule: Rule, owner: BoundedFunctions) {
            self.name = name
            self.rule = rule
            self.owner = owner
        }
    }
}
