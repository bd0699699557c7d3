import Foundation

/// A table keyed by strings (citation keys), equal where Swift's `String ==` says they are equal,
/// whose lookups cost a fraction of a `Dictionary`'s.
///
/// A page looks each of its cited keys up about five times (its numbers, the unknown-key check,
/// the cache key, the reference list, the snapshot): through `[String: …]` that was about 430
/// instructions a lookup, most of them SipHash of the key. Here a key is hashed eight bytes at a
/// time and compared with `memcmp` (a full build of 1,000 articles: 0.7 % fewer instructions).
///
/// Keys are stored by the UTF-8 bytes of their canonical decomposition (NFD), the form in which
/// two strings that Swift holds equal (canonically equivalent) have the same bytes. An ASCII key
/// is its own decomposition, so only keys with other characters are decomposed, through
/// Foundation, on the way in and on lookup.
struct KeyTable<Value>: ExpressibleByDictionaryLiteral {
    /// The entries, held by one object: copying a table (into a renderer, a closure) is one retain.
    private var storage: Storage

    init() { self.init(minimumCapacity: 0) }

    init(minimumCapacity: Int) {
        storage = Storage(capacity: max(minimumCapacity, 4), byteCapacity: max(minimumCapacity, 4) * 24)
    }

    init(dictionaryLiteral elements: (String, Value)...) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// A table of `pairs`; where keys are equal, the first pair's value stays.
    init<S: Sequence>(firstOf pairs: S) where S.Element == (String, Value) {
        self.init(minimumCapacity: pairs.underestimatedCount)
        for (key, value) in pairs where self[key] == nil { self[key] = value }
    }

    /// The number of entries.
    var count: Int { storage.count }

    /// The keys, in the order they were first inserted (as they were given).
    var keys: [String] { Array(UnsafeBufferPointer(start: storage.keys, count: storage.count)) }

    /// The values, in the order of ``keys``.
    var values: [Value] { Array(UnsafeBufferPointer(start: storage.values, count: storage.count)) }

    /// The value for `key`, or `nil`; setting `nil` is not supported (entries are never removed).
    subscript(key: String) -> Value? {
        get {
            let storage = storage
            return Self.withCanonicalBytes(key) { storage.find($0, $1) }.map { storage.values[$0] }
        }
        set {
            guard let newValue else { preconditionFailure("KeyTable does not remove entries") }
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            let storage = storage
            let grown: Storage? = Self.withCanonicalBytes(key) { canonical, hash in
                if let i = storage.find(canonical, hash) {
                    storage.values[i] = newValue
                    return nil
                }
                if storage.hasRoom(forBytes: canonical.count) {
                    storage.append(key, newValue, canonical, hash)
                    return nil
                }
                let grown = storage.copy(growingForBytes: canonical.count)
                grown.append(key, newValue, canonical, hash)
                return grown
            }
            if let grown { self.storage = grown }
        }
    }

    subscript(key: String, default value: @autoclosure () -> Value) -> Value {
        get { self[key] ?? value() }
        set { self[key] = newValue }
    }

    /// Whether the table has an entry for `key`.
    func contains(_ key: String) -> Bool { index(of: key) != nil }

    /// The entry's position in insertion order.
    func index(of key: String) -> Int? {
        let storage = storage
        return Self.withCanonicalBytes(key) { storage.find($0, $1) }
    }

    /// Open addressing with linear probing over manually managed buffers (no exclusivity checks
    /// or retains on the way to an entry); every buffer's size is fixed, a full storage is copied
    /// into a larger one.
    private final class Storage: @unchecked Sendable {
        let capacity: Int, byteCapacity: Int, slotMask: Int
        /// An entry's index plus one, 0 for a free slot; twice as many slots as entries at most.
        let slots: UnsafeMutablePointer<Int32>
        let hashes: UnsafeMutablePointer<UInt64>
        /// Entry `i`'s canonical bytes are `bytes[starts[i]..<starts[i + 1]]`.
        let starts: UnsafeMutablePointer<Int>
        let bytes: UnsafeMutablePointer<UInt8>
        let keys: UnsafeMutablePointer<String>
        let values: UnsafeMutablePointer<Value>
        var count = 0

        init(capacity: Int, byteCapacity: Int) {
            self.capacity = capacity
            self.byteCapacity = byteCapacity
            var slotCount = 8
            while slotCount < capacity * 2 { slotCount *= 2 }
            slotMask = slotCount - 1
            slots = .allocate(capacity: slotCount)
            slots.initialize(repeating: 0, count: slotCount)
            hashes = .allocate(capacity: capacity)
            starts = .allocate(capacity: capacity + 1)
            starts[0] = 0
            bytes = .allocate(capacity: max(byteCapacity, 1))
            keys = .allocate(capacity: capacity)
            values = .allocate(capacity: capacity)
        }

        deinit {
            keys.deinitialize(count: count)
            values.deinitialize(count: count)
            for buffer in [UnsafeMutableRawPointer(slots), UnsafeMutableRawPointer(hashes), UnsafeMutableRawPointer(starts),
                           UnsafeMutableRawPointer(bytes), UnsafeMutableRawPointer(keys), UnsafeMutableRawPointer(values)] {
                buffer.deallocate()
            }
        }

        func hasRoom(forBytes length: Int) -> Bool {
            count < capacity && starts[count] + length <= byteCapacity
        }

        /// A copy with room for at least one more entry of `length` bytes.
        func copy(growingForBytes length: Int = 0) -> Storage {
            let used = starts[count]
            let bigger = Storage(capacity: count < capacity ? capacity : capacity * 2,
                                 byteCapacity: max(byteCapacity, used + length) * (used + length > byteCapacity ? 2 : 1))
            for i in 0..<count {
                bigger.append(keys[i], values[i], UnsafeBufferPointer(start: bytes + starts[i], count: starts[i + 1] - starts[i]), hashes[i])
            }
            return bigger
        }

        /// Adds an entry (the key is not in the table, and there is room).
        func append(_ key: String, _ value: Value, _ canonical: UnsafeBufferPointer<UInt8>, _ hash: UInt64) {
            let entry = count
            (keys + entry).initialize(to: key)
            (values + entry).initialize(to: value)
            hashes[entry] = hash
            let start = starts[entry]
            if let base = canonical.baseAddress { (bytes + start).update(from: base, count: canonical.count) }
            starts[entry + 1] = start + canonical.count
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Int32(entry + 1)
            count = entry + 1
        }

        func find(_ key: UnsafeBufferPointer<UInt8>, _ hash: UInt64) -> Int? {
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            while true {
                let entry = Int(slots[slot]) - 1
                if entry < 0 { return nil }
                if hashes[entry] == hash {
                    let start = starts[entry], length = starts[entry + 1] - start
                    if length == key.count && (length == 0 || memcmp(bytes + start, key.baseAddress!, length) == 0) {
                        return entry
                    }
                }
                slot = (slot + 1) & slotMask
            }
        }
    }

    /// Calls `body` with the bytes `key` is stored under and their hash.
    private static func withCanonicalBytes<R>(_ key: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> R) -> R {
        let ascii: R?? = key.utf8.withContiguousStorageIfAvailable { utf8 in
            let (hash, isASCII) = hashBytes(utf8)
            return isASCII ? body(utf8, hash) : nil
        }
        if case .some(.some(let ascii)) = ascii { return ascii }
        var decomposed = key.decomposedStringWithCanonicalMapping
        return decomposed.withUTF8 { body($0, hashBytes($0).hash) }
    }

    /// A 64-bit hash of `bytes` (eight at a time, multiply and rotate), and whether they are all ASCII.
    static func hashBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, isASCII: Bool) {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        var high: UInt64 = 0
        guard let base = bytes.baseAddress else { return (h, true) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= word
            h = (h ^ word) &* m
            h = (h << 29) | (h >> 35)
            i += 8
        }
        let left = bytes.count - i
        if left > 0 {
            // The last one to seven bytes: four, two and one at a time (no reading past the end).
            var word: UInt64 = 0
            var shift: UInt64 = 0
            if left & 4 != 0 {
                word = UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                shift = 32
                i += 4
            }
            if left & 2 != 0 {
                word |= UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << shift
                shift += 16
                i += 2
            }
            if left & 1 != 0 { word |= UInt64(base[i]) << shift }
            high |= word
            h = (h ^ word) &* m
        }
        h ^= h >> 32
        h = h &* m
        h ^= h >> 29
        return (h, high & 0x8080_8080_8080_8080 == 0)
    }
}

extension KeyTable: Sendable where Value: Sendable {}
