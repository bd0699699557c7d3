import Foundation

/// Whole-buffer byte tests for the hot paths of parsing and rendering.
///
/// Iterating `String.utf8` costs about a nanosecond per byte; the citation pass looked at every
/// byte of every article four times that way (a third of its time). These read the string's
/// contiguous UTF-8 once, with `memchr`, sixteen bytes at a time, or one table lookup per byte.
enum ByteScan {
    /// Whether `s` holds the byte `byte`.
    static func contains(_ s: String, _ byte: UInt8) -> Bool {
        withBytes(s) { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// A set of bytes tested sixteen at a time: every byte below `below`, every byte at or above
    /// `atLeast`, and up to eight more (repeat one to fill the eight).
    struct ByteClass {
        let below: UInt8
        let atLeast: UInt8
        let bytes: SIMD8<UInt8>
    }

    /// Whether `s` holds a byte of `set`. (A table lookup per byte cost six instructions a byte:
    /// HTML escaping tests every string of a page this way.)
    static func contains(_ s: String, anyOf set: ByteClass) -> Bool {
        withBytes(s) { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            let raw = UnsafeRawPointer(base)
            let n = buffer.count
            let below = SIMD16<UInt8>(repeating: set.below), atLeast = SIMD16<UInt8>(repeating: set.atLeast)
            let b0 = SIMD16<UInt8>(repeating: set.bytes[0]), b1 = SIMD16<UInt8>(repeating: set.bytes[1])
            let b2 = SIMD16<UInt8>(repeating: set.bytes[2]), b3 = SIMD16<UInt8>(repeating: set.bytes[3])
            let b4 = SIMD16<UInt8>(repeating: set.bytes[4]), b5 = SIMD16<UInt8>(repeating: set.bytes[5])
            let b6 = SIMD16<UInt8>(repeating: set.bytes[6]), b7 = SIMD16<UInt8>(repeating: set.bytes[7])
            func hit(_ v: SIMD16<UInt8>) -> Bool {
                let ranges = (v .< below) .| (v .>= atLeast)
                let some = (v .== b0) .| (v .== b1) .| (v .== b2) .| (v .== b3)
                let more = (v .== b4) .| (v .== b5) .| (v .== b6) .| (v .== b7)
                return anySet(ranges .| some .| more)
            }
            guard n >= 16 else {
                // A short string, padded with its own first byte, which changes no answer.
                var v = SIMD16<UInt8>(repeating: base[0])
                withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(buffer)) }
                return hit(v)
            }
            var i = 0
            while i + 16 <= n {
                if hit(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)) { return true }
                i += 16
            }
            // The last sixteen bytes, overlapping bytes already tested, which changes no answer.
            return i < n && hit(raw.loadUnaligned(fromByteOffset: n - 16, as: SIMD16<UInt8>.self))
        }
    }

    /// Whether every character of `s` is one byte: ASCII without carriage returns (`\r\n` is one
    /// character of two bytes). Byte-wise shortcuts for character work hold only then.
    static func isOneBytePerCharacter(_ s: String) -> Bool {
        !contains(s, atLeast: 0x80, or: 0x0D)
    }

    /// Whether `s` holds a byte at or above `limit`, or the byte `byte`.
    static func contains(_ s: String, atLeast limit: UInt8, or byte: UInt8) -> Bool {
        withBytes(s) { firstIndex(in: $0, from: 0, to: $0.count, atLeast: limit, or: byte) < $0.count }
    }

    /// The offset of the first byte at or above `limit` or equal to `byte` in `bytes[start..<end]`,
    /// or `end` when there is none.
    static func firstIndex(in bytes: [UInt8], from start: Int, to end: Int, atLeast limit: UInt8, or byte: UInt8) -> Int {
        bytes.withUnsafeBufferPointer { firstIndex(in: $0, from: start, to: end, atLeast: limit, or: byte) }
    }

    private static func firstIndex(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                   atLeast limit: UInt8, or byte: UInt8) -> Int {
        guard let base = buffer.baseAddress, start < end else { return end }
        let raw = UnsafeRawPointer(base)
        var i = start
        // Sixteen bytes at a time in vector registers.
        let limits = SIMD16<UInt8>(repeating: limit), bytes = SIMD16<UInt8>(repeating: byte)
        while i + 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            if anySet((v .>= limits) .| (v .== bytes)) { break }
            i += 16
        }
        while i < end, base[i] < limit, base[i] != byte { i += 1 }
        return i
    }

    /// The offset of the first `byte` in `bytes[start..<end]` (`memchr`), or `nil`.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int = 0, to end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard start < end else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// Where `pattern` (not empty) first occurs in `bytes` at or after `start`: `memchr` for the
    /// pattern's byte that is rarest in the first 64 KB of `bytes` from `start`, then `memcmp`
    /// around each one found. (A list item of a page starts with `<`, which HTML has every few
    /// bytes: looking for the first byte stopped at each.)
    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { firstIndex(of: pattern, in: $0, from: start) }
    }

    /// ``firstIndex(of:in:from:)`` in bytes held elsewhere (a mapped file).
    static func firstIndex(of pattern: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard !pattern.isEmpty, start >= 0, haystack.count - start >= pattern.count else { return nil }
        return pattern.withUnsafeBufferPointer { needle in
            let base = haystack.baseAddress!, n = haystack.count, m = needle.count
            var counts = [Int](repeating: 0, count: 256)
            for byte in haystack[start..<min(n, start + 65_536)] { counts[Int(byte)] += 1 }
            var k = 0
            for offset in 1..<m where counts[Int(needle[offset])] < counts[Int(needle[k])] { k = offset }
            // The rare byte sits at `k` in the pattern, so at `start + k` ... `n - m + k` in `bytes`.
            var i = start + k
            let last = n - m + k
            while i <= last {
                guard let hit = memchr(base + i, Int32(needle[k]), last - i + 1) else { return nil }
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) - k
                if memcmp(base + at, needle.baseAddress!, m) == 0 { return at }
                i = at + k + 1
            }
            return nil
        }
    }

    /// The offset of the first of the bytes `a`, `b`, `c` at or after `start` in `bytes`, or
    /// `bytes.count` when there is none.
    static func firstIndex(in bytes: [UInt8], from start: Int, ofAny a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return buffer.count }
            let raw = UnsafeRawPointer(base)
            let n = buffer.count
            var i = start
            let va = SIMD16<UInt8>(repeating: a), vb = SIMD16<UInt8>(repeating: b), vc = SIMD16<UInt8>(repeating: c)
            while i + 16 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                if anySet((v .== va) .| (v .== vb) .| (v .== vc)) { break }
                i += 16
            }
            while i < n, base[i] != a, base[i] != b, base[i] != c { i += 1 }
            return min(i, n)
        }
    }

    /// `strings.sorted()`: by their bytes (`memcmp`) when every string is ASCII, which is then the
    /// same order, by `String`'s comparison otherwise (it compares canonical equivalents, which
    /// bytes do not). Sorting a listing of 10,000 names by `String` cost 2,800 instructions a name.
    /// The bytes are copied into one buffer first: reaching each string's own bytes in every
    /// comparison cost twice as much as comparing the strings.
    static func sorted(_ strings: [String]) -> [String] {
        guard strings.allSatisfy({ !contains($0, atLeast: 0x80, or: 0x80) }) else { return strings.sorted() }
        var bytes: [UInt8] = []
        var starts = [0]
        starts.reserveCapacity(strings.count + 1)
        for s in strings {
            bytes += s.utf8
            starts.append(bytes.count)
        }
        guard !bytes.isEmpty else { return strings }
        let order = bytes.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                let base = buffer.baseAddress!
                return strings.indices.sorted { a, b in
                    let la = starts[a + 1] - starts[a], lb = starts[b + 1] - starts[b]
                    let order = memcmp(base + starts[a], base + starts[b], min(la, lb))
                    return order != 0 ? order < 0 : la < lb
                }
            }
        }
        return order.map { strings[$0] }
    }

    /// Whether any lane of `mask` is set, its sixteen bytes read as two words: `any(_:)` called
    /// SIMD's generic `min()`, out of line, for every sixteen bytes.
    @inline(__always)
    private static func anySet(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// Whether `s` holds the byte `second` right after the byte `first` (`[^`): `memchr` for
    /// `second`, which should be the rarer.
    static func contains(_ s: String, _ first: UInt8, followedBy second: UInt8) -> Bool {
        withBytes(s) { buffer in
            guard let base = buffer.baseAddress, buffer.count > 1 else { return false }
            var i = 1
            while i < buffer.count, let hit = memchr(base + i, Int32(second), buffer.count - i) {
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if base[at - 1] == first { return true }
                i = at + 1
            }
            return false
        }
    }

    /// Whether `s` holds an asterisk that may open emphasis right after a digit or close it right
    /// before one (`2*3*4`, `*5 mg*2`; see `EmphasisInNumberChecker`): a run of `*` between two bytes
    /// that are ASCII letters, digits or not ASCII, one of them a digit. By CommonMark's flanking
    /// rules a run after a digit opens only before such a byte, and one before a digit closes only
    /// after one, so `**50 mg**`, `*HER2* gene` and a list's `* 5 mg` are no hit. `memchr` for `*`.
    static func containsAsteriskBesideDigit(_ s: String) -> Bool {
        withBytes(s) { buffer in
            guard let base = buffer.baseAddress, buffer.count > 2 else { return false }
            let star = UInt8(ascii: "*")
            func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
            func isWord(_ byte: UInt8) -> Bool { byte >= 0x80 || isDigit(byte) || (byte | 0x20) &- 0x61 < 26 }
            var i = 1
            while i < buffer.count, let hit = memchr(base + i, Int32(star), buffer.count - i) {
                let start = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                var end = start + 1
                while end < buffer.count, base[end] == star { end += 1 }
                guard end < buffer.count else { return false }
                let before = base[start - 1], after = base[end]
                if isWord(before), isWord(after), isDigit(before) || isDigit(after) { return true }
                i = end + 1
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

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, or `.whitespaces` without `newlines`,
    /// without Foundation's cost in the usual case: when the first and the last byte are ASCII
    /// above the space, neither set can trim anything. (The set is made only when needed: even
    /// getting `CharacterSet.whitespacesAndNewlines` costs about a thousand instructions.)
    func trimmingWhitespace(newlines: Bool = true) -> String {
        guard let first = utf8.first, let last = utf8.last,
              first > 0x20, first < 0x80, last > 0x20, last < 0x80 else {
            return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
        }
        return self
    }
}

/// Writes strings and bytes into a string's buffer of a length measured beforehand: one string
/// made at once, where appending each piece to a `String` cost about 350 instructions a piece.
struct MeasuredStringWriter {
    fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>
    fileprivate(set) var count = 0

    mutating func put(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            precondition(count + bytes.count <= buffer.count, "a string longer than measured")
            (buffer.baseAddress! + count).initialize(from: base, count: bytes.count)
            count += bytes.count
        }
    }

    mutating func put(_ byte: UInt8) {
        precondition(count < buffer.count, "a string longer than measured")
        buffer[count] = byte
        count += 1
    }
}

extension String {
    /// A string of at most `length` UTF-8 bytes, written by `write`.
    init(measuredLength length: Int, _ write: (inout MeasuredStringWriter) -> Void) {
        self.init(unsafeUninitializedCapacity: length) { buffer in
            var writer = MeasuredStringWriter(buffer: buffer)
            write(&writer)
            return writer.count
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends `number` in decimal, as `String(number)` writes it, without making the `String`.
    mutating func appendDecimal(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        let value = number.magnitude
        var divisor: UInt = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        repeat {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
    }
}
