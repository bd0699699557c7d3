/// Appends values to a compact byte buffer: unsigned LEB128 numbers and length-prefixed UTF-8.
/// The format of the build cache's files (``ArticleCache``); read back by ``BinaryReader``.
struct BinaryWriter {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []

    /// Appends a non-negative number (negative numbers are stored as 0).
    mutating func int(_ value: Int) {
        varint(UInt64(max(0, value)))
    }

    /// Appends an unsigned LEB128 number.
    private mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends a number that may be negative (zigzag: 0, -1, 1, -2, … as 0, 1, 2, 3, …).
    mutating func signedInt(_ value: Int) {
        let v = Int64(value)
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    /// Appends a 64-bit number as eight bytes.
    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Appends a Boolean.
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Appends a string.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends raw bytes.
    mutating func raw(_ value: some Collection<UInt8>) { bytes.append(contentsOf: value) }

    /// Appends an optional: a flag, then the value.
    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    /// Appends an array: its count, then each element.
    mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

/// Reads what ``BinaryWriter`` wrote, checking every length against the bytes there are: a short
/// or damaged buffer throws ``Damaged`` instead of reading past its end.
struct BinaryReader {
    /// The buffer ended early or held a value that cannot be.
    struct Damaged: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int

    /// Reads `bytes` from `offset`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether everything has been read.
    var isAtEnd: Bool { offset >= bytes.count }

    /// Reads a number.
    mutating func int() throws -> Int {
        let value = try varint()
        guard value <= UInt64(Int.max) else { throw Damaged() }
        return Int(value)
    }

    /// Reads an unsigned LEB128 number of at most 64 bits.
    private mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Reads a number written by ``BinaryWriter/signedInt(_:)``.
    mutating func signedInt() throws -> Int {
        let u = try varint()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    /// Reads a 64-bit number.
    mutating func uint64() throws -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Damaged() }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        offset += 8
        return value
    }

    /// Reads a Boolean.
    mutating func bool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Damaged() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    /// Reads a string.
    mutating func string() throws -> String {
        let count = try int()
        guard bytes.count - offset >= count else { throw Damaged() }
        defer { offset += count }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }

    /// Reads `count` raw bytes.
    mutating func raw(_ count: Int) throws -> UnsafeBufferPointer<UInt8> {
        guard count >= 0, bytes.count - offset >= count else { throw Damaged() }
        defer { offset += count }
        return UnsafeBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// Reads an optional.
    mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    /// Reads an array.
    mutating func array<T>(_ read: (inout BinaryReader) throws -> T) throws -> [T] {
        let count = try int()
        // Every element takes at least a byte: a count beyond the bytes left is damage, not a huge array.
        guard count <= bytes.count - offset else { throw Damaged() }
        var out: [T] = []
        if count > 0 { out.reserveCapacity(count) }  // not free even for 0, and most lists are empty
        for _ in 0..<count { out.append(try read(&self)) }
        return out
    }
}
