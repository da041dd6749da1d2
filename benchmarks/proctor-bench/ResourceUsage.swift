#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// CPU time and peak resident memory of this process, from `getrusage`.
struct ResourceUsage {
    var cpuSeconds: Double
    /// Peak resident set size in bytes (Linux reports kilobytes, macOS bytes).
    var peakResidentBytes: Int

    static func now() -> ResourceUsage {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024
        #else
        let peak = Int(usage.ru_maxrss)
        #endif
        return ResourceUsage(cpuSeconds: cpu, peakResidentBytes: peak)
    }
}
