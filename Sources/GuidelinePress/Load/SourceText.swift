import Foundation

/// Turns a file's bytes into text the parsers accept: UTF-8 checked, byte-order mark removed,
/// CRLF and lone CR turned into LF (columns stay the same), NUL replaced by U+FFFD.
public enum SourceText {
    /// Decodes `bytes`, or returns `nil` when they are not valid UTF-8.
    public static func decode(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let slice = bytes[start...]
        guard let raw = String(validating: slice, as: UTF8.self) else { return nil }
        // memchr rather than `contains(where:)`, which is slow on megabytes in debug builds.
        let needsRewrite = slice.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, 0x0D, buffer.count) != nil || memchr(base, 0, buffer.count) != nil
        }
        guard needsRewrite else { return raw }
        var out = [UInt8]()
        out.reserveCapacity(slice.count)
        var i = slice.startIndex
        while i < slice.endIndex {
            let b = slice[i]
            if b == 0x0D {
                out.append(0x0A)
                if i + 1 < slice.endIndex, slice[i + 1] == 0x0A { i += 1 }
            } else if b == 0 {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 1-based line of the first byte that is not valid UTF-8, for the `encoding` diagnostic.
    public static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var lineStart = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if String(validating: bytes[lineStart..<i], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = i + 1
        }
        return line
    }
}
