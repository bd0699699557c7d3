/// A 64-bit FNV-1a hash that is the same in every process and on every machine, for the build
/// cache's keys (Swift's `Hasher` is seeded randomly per process, so it cannot key a cache on disk).
public struct StableHash: Sendable, Hashable {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// An empty hash.
    public init() {}

    /// Adds bytes.
    public mutating func combine(bytes: some Sequence<UInt8>) {
        var h = value
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        value = h
    }

    /// Adds a string and a terminator (0xFF never occurs in UTF-8, so fields cannot run together).
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: $0) }
        combine(bytes: CollectionOfOne(0xFF))
    }

    /// Adds a number.
    public mutating func combine(_ number: UInt64) {
        var h = value
        for shift in stride(from: 0, to: 64, by: 8) { h = (h ^ ((number >> UInt64(shift)) & 0xFF)) &* 0x0000_0100_0000_01b3 }
        value = h
    }

    /// The hash of one string.
    public static func of(_ text: String) -> UInt64 {
        var h = StableHash()
        h.combine(text)
        return h.value
    }
}
