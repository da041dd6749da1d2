#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shell globs (`*`, `?`, `[abc]`) over names; `*` matches `/` too, so `HumanEval/*` and `school/*` work.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
