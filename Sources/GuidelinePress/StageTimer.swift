import Foundation

/// Wall-clock time of each pipeline stage, printed to standard error when the environment sets
/// `PUBLISH_TIMINGS=1` (for benchmarks and profiling; never part of the output or of a test).
struct StageTimer {
    private let enabled = ProcessInfo.processInfo.environment["PUBLISH_TIMINGS"] == "1"
    private var last = DispatchTime.now().uptimeNanoseconds
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = StageTimer.cpuSeconds()

    /// User plus system time of the whole process so far (every thread), in seconds.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Records that the stage `name` ended now.
    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let cpu = StageTimer.cpuSeconds()
        let padded = name.padding(toLength: max(name.count, 16), withPad: " ", startingAt: 0)
        let line = "publish timing: " + padded
            + String(format: "%8.3f s  cpu %6.3f s  (total %.3f s)\n", Double(now - last) / 1e9, cpu - lastCPU,
                     Double(now - start) / 1e9)
        FileHandle.standardError.write(Data(line.utf8))
        last = now
        lastCPU = cpu
    }
}
