import Testing
@testable import GuidelinePress

/// The build cache's hash: fields do not run together, and small changes anywhere change it.
@Suite struct StableHashTests {
    static func hash(_ fields: [String]) -> UInt64 {
        var h = StableHash()
        for field in fields { h.combine(field) }
        return h.value
    }

    @Test func fieldsDoNotRunTogether() {
        #expect(Self.hash(["ab", "c"]) != Self.hash(["a", "bc"]))
        #expect(Self.hash(["", "x"]) != Self.hash(["x", ""]))
        #expect(Self.hash(["x"]) != Self.hash(["x", ""]))
    }

    /// Every one-byte change of a 7.6 KB text, at every position (words and the tail), changes the hash.
    @Test func everyOneByteChangeShows() {
        let text = String(repeating: "Trastuzumab 6 mg/kg every 3 weeks [@giordano2022]. ", count: 150) + "tail"
        let original = StableHash.of(text)
        var bytes = Array(text.utf8)
        var seen: Set<UInt64> = [original]
        for i in bytes.indices {
            bytes[i] ^= 0x01
            seen.insert(StableHash.of(String(decoding: bytes, as: UTF8.self)))
            bytes[i] ^= 0x01
        }
        #expect(seen.count == bytes.count + 1)
    }

    /// Bytes hash alike whatever holds them: an array, a slice, a buffer, a lazy sequence.
    @Test func containersAgree() {
        let bytes = Array("The same 23 bytes, held.".utf8)
        var array = StableHash(), slice = StableHash(), buffer = StableHash(), lazy = StableHash()
        array.combine(bytes: bytes)
        slice.combine(bytes: bytes[...])
        bytes.withUnsafeBufferPointer { buffer.combine(bytes: $0) }
        lazy.combine(bytes: bytes.lazy.map { $0 })
        #expect(Set([array.value, slice.value, buffer.value, lazy.value]).count == 1)
    }

    @Test func numbersAndSeparateCallsAgree() {
        var a = StableHash(), b = StableHash()
        a.combine(UInt64(42))
        b.combine(UInt64(43))
        #expect(a.value != b.value)
        #expect(StableHash.of("same") == StableHash.of(String("same".reversed().reversed())))
    }
}
