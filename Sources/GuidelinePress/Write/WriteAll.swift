import Foundation

/// Writing bytes to an open file with plain system calls.
enum WriteAll {
    /// The most bytes handed to one `write` call: 64 KiB, about an article page.
    ///
    /// Linux sizes the page-cache folios of a buffered write by the length of the call, so one call
    /// of megabytes (a site-wide page: at 10,000 articles the questions page is 18 MB) takes
    /// folios of up to 2 MB. On the project's 2-core VM, filling those was at times 10–20 × slower
    /// than the same bytes in 64 KiB calls: a status rebuild's "write pages" took 0.085–0.270 s
    /// with one call per piece and 0.013–0.015 s in 64 KiB calls, alternating the two on the same
    /// edits (`docs/benchmarks.md`). The extra calls are few: about 560 for the 35 MB of
    /// site-wide pages, each about a microsecond; an article page is one call as before.
    static let largestCall = 64 * 1024

    /// Writes all of `bytes` to `descriptor` in calls of at most ``largestCall`` bytes, again after
    /// an interrupted or partial write; `false`, with `errno` set, when a write fails.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        write(bytes) { Foundation.write(descriptor, $0, $1) }
    }

    /// ``write(_:to:)`` through `call` (the `write` system call, or a test's stand-in).
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, call: (UnsafeRawPointer, Int) -> Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = call(bytes.baseAddress! + done, min(largestCall, bytes.count - done))
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }
}
