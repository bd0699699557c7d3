/// A 64-bit hash that is the same in every process and on every machine, for the build cache's
/// keys (Swift's `Hasher` is seeded randomly per process, so it cannot key a cache on disk).
///
/// Contiguous bytes are taken eight at a time (little-endian words), each step a xor, a multiply
/// by an odd constant and a xor-shift: all three are one-to-one, so two inputs of the same length
/// that differ in one word never collide. Single bytes use FNV-1a's step.
public struct StableHash: Sendable, Hashable {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// An empty hash.
    public init() {}

    /// Adds bytes (the same value as for the same bytes in contiguous memory).
    public mutating func combine(bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ combine(bytes: $0) }) == nil {
            Array(bytes).withUnsafeBufferPointer { combine(bytes: $0) }
        }
    }

    /// Adds contiguous bytes, a word at a time.
    public mutating func combine(bytes buffer: UnsafeBufferPointer<UInt8>) {
        let raw = UnsafeRawBufferPointer(buffer)
        var h = value
        var i = 0
        while i + 8 <= raw.count {
            h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        while i < raw.count {
            h = (h ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        value = h
    }

    /// Adds a string and a terminator (0xFF never occurs in UTF-8, so fields cannot run together).
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: $0) }
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01b3
    }

    /// Adds a number.
    public mutating func combine(_ number: UInt64) {
        var h = value
        for shift in stride(from: 0, to: 64, by: 8) { h = (h ^ ((number >> UInt64(shift)) & 0xFF)) &* 0x0000_0100_0000_01b3 }
        value = h
    }

    /// Adds a date as its number `YYYYMMDD`, or a lone terminator for none.
    mutating func combine(_ date: ISODate?) {
        guard let date else { return combine("\u{0}") }
        combine(UInt64(date.number))
    }

    /// The hash of one string.
    public static func of(_ text: String) -> UInt64 {
        var h = StableHash()
        h.combine(text)
        return h.value
    }
}
