import Foundation

/// Whole-buffer byte tests for the parse stage's hot paths.
///
/// Iterating `String.utf8` costs about a nanosecond per byte; the citation pass looked at every
/// byte of every article four times that way (a third of its time). These read the string's
/// contiguous UTF-8 once, with `memchr` or a loop the compiler vectorises.
enum ByteScan {
    /// Whether `s` holds the byte `byte`.
    static func contains(_ s: String, _ byte: UInt8) -> Bool {
        withBytes(s) { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// Whether `s` holds a byte at or above `limit`, or the byte `byte`.
    static func contains(_ s: String, atLeast limit: UInt8, or byte: UInt8) -> Bool {
        withBytes(s) { buffer in
            // Blocks of 64 bytes reduced without branches (the compiler vectorises the inner
            // loop), tested once per block.
            var i = 0
            let n = buffer.count
            while i < n {
                let end = min(i + 64, n)
                var high: UInt8 = 0
                var equal: UInt8 = 0
                for k in i..<end {
                    let b = buffer[k]
                    high = max(high, b)
                    equal |= b == byte ? 1 : 0
                }
                if high >= limit || equal != 0 { return true }
                i = end
            }
            return false
        }
    }

    /// Runs `body` over the string's UTF-8 bytes (copying them only for a bridged string).
    private static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }
}
