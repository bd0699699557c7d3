/// JSON string literals, safe to embed in HTML `<script>` elements as well.
enum JSONText {
    /// A quoted JSON string; unless `forScript` is false, `<`, `>` and `&` are escaped too, so the
    /// text cannot close a script element it is embedded in.
    static func string(_ s: String, forScript: Bool = true) -> String {
        // Sixteen bytes at a time over the contiguous UTF-8 (iterating `utf8` with a closure cost
        // a third of search.json).
        guard ByteScan.contains(s, anyOf: forScript ? mayNeedEscapingForScript : mayNeedEscaping) else {
            var out = "\""
            out.reserveCapacity(s.utf8.count + 2)
            out += s
            out += "\""
            return out
        }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count + 16)
        out.append(0x22)
        func hex(_ value: UInt32) {
            out.append(contentsOf: Array("\\u".utf8))
            out.append(contentsOf: Array(String(value, radix: 16).leftPadded(to: 4).utf8))
        }
        var bytes = Array(s.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x3C where forScript: hex(0x3C)
            case 0x3E where forScript: hex(0x3E)
            case 0x26 where forScript: hex(0x26)
            case 0xE2 where bytes.count >= 2 && bytes[bytes.startIndex] == 0x80
                && (bytes[bytes.startIndex + 1] == 0xA8 || bytes[bytes.startIndex + 1] == 0xA9):
                hex(bytes[bytes.startIndex + 1] == 0xA8 ? 0x2028 : 0x2029)
                bytes.removeFirst(2)
            default:
                if byte < 0x20 { hex(UInt32(byte)) } else { out.append(byte) }
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes that may need escaping: controls, `"`, `\\`, and E2 (U+2028 and U+2029 start E2 80);
    /// in a script also `<`, `>` and `&`. (`atLeast: 0xFF`: that byte never occurs in UTF-8.)
    static let mayNeedEscaping = ByteScan.ByteClass(
        below: 0x20, atLeast: 0xFF, bytes: [0x22, 0x5C, 0xE2, 0xE2, 0xE2, 0xE2, 0xE2, 0xE2])
    static let mayNeedEscapingForScript = ByteScan.ByteClass(
        below: 0x20, atLeast: 0xFF, bytes: [0x22, 0x5C, 0xE2, 0x3C, 0x3E, 0x26, 0x26, 0x26])

    /// A JSON array of already-encoded values.
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// A JSON object from already-encoded values, keys in the given order.
    static func object(_ pairs: [(String, String)]) -> String {
        object(pairs, lastKey: nil, array: [])
    }

    /// ``object(_:)`` of `pairs` and, when `lastKey` is given, a last member `lastKey` whose value
    /// is ``array(_:)`` of `items`: written into one string, where building the array first would
    /// copy a long list (an article's citations in its JSON-LD) twice more.
    static func object(_ pairs: [(String, String)], lastKey: String?, array items: [String]) -> String {
        // Written into one string of the exact length: appending each piece to a `String` cost
        // about 350 instructions a piece, and an article's JSON-LD has about 200 of them.
        let keys = pairs.map { string($0.0) }
        let last = lastKey.map { string($0) }
        var total = 2 + max(0, pairs.count - 1)
        for (index, pair) in pairs.enumerated() { total += keys[index].utf8.count + 1 + pair.1.utf8.count }
        if let last {
            total += (pairs.isEmpty ? 0 : 1) + last.utf8.count + 3 + max(0, items.count - 1)
            for item in items { total += item.utf8.count }
        }
        return String(measuredLength: total) { out in
            out.put(UInt8(ascii: "{"))
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out.put(UInt8(ascii: ",")) }
                out.put(keys[index])
                out.put(UInt8(ascii: ":"))
                out.put(pair.1)
            }
            if let last {
                if !pairs.isEmpty { out.put(UInt8(ascii: ",")) }
                out.put(last)
                out.put(UInt8(ascii: ":"))
                out.put(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { out.put(UInt8(ascii: ",")) }
                    out.put(item)
                }
                out.put(UInt8(ascii: "]"))
            }
            out.put(UInt8(ascii: "}"))
        }
    }
}

