import Foundation

/// Writing bytes to an open file with plain system calls.
enum WriteAll {
    /// Writes all of `bytes` to `descriptor`, again after an interrupted or partial write;
    /// `false`, with `errno` set, when a write fails.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }
}
