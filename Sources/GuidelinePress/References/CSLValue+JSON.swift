/// A JSON reader for bibliographies that makes ``CSLValue``s straight from the bytes.
///
/// Foundation's `JSONDecoder` read a 2,000-item CSL-JSON file (1.5 MB) in about 0.4 s of CPU:
/// `CSLValue`'s `Decodable` conformance finds each value's kind by trying kinds in turn, and each
/// failed try throws an error (42,000 of them for that file). This reader takes a few
/// milliseconds. It reads what it is sure of, exactly as the decoder would, and gives up
/// (`nil`) on anything else: invalid JSON, a key twice in one object, an escaped lone surrogate,
/// a byte-order mark, nesting deeper than ``maximumDepth``. The caller then asks `JSONDecoder`,
/// so the result and the diagnostics are the decoder's in every case.
extension CSLValue {
    /// The deepest nesting the reader follows.
    static let maximumDepth = 256

    /// The value of JSON `text` whose top level is an array or an object, or `nil` when the
    /// reader gives up (see above).
    static func readJSON(_ text: String) -> CSLValue? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = JSONReader(bytes: bytes)
            reader.skipSpace()
            guard reader.peek == UInt8(ascii: "[") || reader.peek == UInt8(ascii: "{"),
                  let value = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            return reader.atEnd ? value : nil
        }
    }
}

private struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) -> CSLValue? {
        guard depth < CSLValue.maximumDepth, let byte = peek else { return nil }
        switch byte {
        case UInt8(ascii: "\""):
            return string().map { .text($0) }
        case UInt8(ascii: "{"):
            index += 1
            var object: [String: CSLValue] = [:]
            skipSpace()
            if peek == UInt8(ascii: "}") { index += 1; return .object(object) }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                guard let member = value(depth: depth + 1) else { return nil }
                // Which of two equal keys the decoder keeps is its own affair: it decides.
                guard object.updateValue(member, forKey: key) == nil else { return nil }
                skipSpace()
                switch peek {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(object)
                default: return nil
                }
            }
        case UInt8(ascii: "["):
            index += 1
            var array: [CSLValue] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { index += 1; return .array(array) }
            while true {
                skipSpace()
                guard let element = value(depth: depth + 1) else { return nil }
                array.append(element)
                skipSpace()
                switch peek {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(array)
                default: return nil
                }
            }
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return nil
        }
    }

    mutating func literal(_ word: StaticString, _ value: CSLValue) -> CSLValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return nil }
        index += count
        return value
    }

    /// A number as ``CSLValue``'s decoding writes it: an integer that fits in 64 bits as its
    /// digits, any other number through `Double`, written without a fraction when it has none
    /// and is below 10¹⁵.
    mutating func number() -> CSLValue? {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        // JSON's grammar: no leading zeros, digits after a point, an optionally signed exponent.
        guard let first = peek, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        var integral = true
        if peek == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard skipDigits() > 0 else { return nil }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            integral = false
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { return nil }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let i = Int64(literal) { return .number(String(i)) }
        // Anything else the decoder may read differently is left to it: an integer beyond 64
        // bits, or a fraction or exponent (it may read "1.0" or "1e2" as an integer first).
        guard !integral, let d = Double(literal), d.isFinite, d.rounded() != d else { return nil }
        return .number(String(d))
    }

    @discardableResult
    mutating func skipDigits() -> Int {
        let start = index
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    /// A string at `"`, its escapes decoded; `nil` for a control character, a bad escape or a
    /// lone surrogate.
    mutating func string() -> String? {
        index += 1
        let start = index
        // Most strings have no escape: sliced as they are.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            index += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = peek else { return nil }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low one.
                        guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                        else { return nil }
                        index += 2
                        guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00, scalar < 0xE000 {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: Array(String(unicode).utf8))
                default:
                    return nil
                }
            default:
                if byte < 0x20 { return nil }
                out.append(byte)
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

extension CSLValue {
    /// The first place where `text` breaks JSON's grammar (RFC 8259), as its line and what is
    /// wrong, or `nil` when the grammar holds (or the nesting is too deep to follow here).
    ///
    /// `JSONDecoder` accepts more than JSON: a comma before `]` or `}` (`[[2020,]]`, the hand edit
    /// that leaves one behind). Pandoc, Manubot and Python reject such a file, so a bibliography
    /// that passed `--check` broke the manuscript's own build; this check runs before the decoder.
    static func jsonSyntaxFault(in text: String) -> (line: Int, column: Int, reason: String)? {
        var text = text
        return text.withUTF8 { bytes in
            var checker = JSONSyntax(bytes: bytes)
            checker.skipSpace()
            guard checker.value(depth: 0) else { return checker.fault }
            checker.skipSpace()
            if !checker.atEnd { checker.fail("text after the end of the JSON value") }
            return checker.fault
        }
    }
}

/// The grammar check of ``CSLValue/jsonSyntaxFault(in:)``: walks the bytes, builds nothing.
private struct JSONSyntax {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var fault: (line: Int, column: Int, reason: String)?

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// Records the fault at the current byte (once, when the grammar is known to be broken): its
    /// line, and its column in UTF-8 bytes as every finding counts them.
    mutating func fail(_ reason: String) {
        guard fault == nil else { return }
        let before = bytes[..<min(index, bytes.count)]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        fault = (line, before.count - lineStart + 1, reason)
    }

    /// Whether a value starts here and follows the grammar; false with ``fault`` set when it does
    /// not, false without a fault when the nesting is too deep to follow.
    mutating func value(depth: Int) -> Bool {
        guard depth < 4 * CSLValue.maximumDepth else { return false }
        guard let byte = peek else { fail("the text ends where a value was expected"); return false }
        switch byte {
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), depth: depth)
        case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), depth: depth)
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"): return word("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        case UInt8(ascii: "/"): fail("comments are not JSON"); return false
        case UInt8(ascii: "'"): fail("strings take double quotes in JSON"); return false
        default: fail("a value was expected"); return false
        }
    }

    /// An object (members `"key": value`) or an array, from its opening bracket.
    mutating func container(close: UInt8, depth: Int) -> Bool {
        let isObject = close == UInt8(ascii: "}")
        index += 1
        skipSpace()
        if peek == close { index += 1; return true }
        while true {
            skipSpace()
            if isObject {
                guard peek == UInt8(ascii: "\"") else {
                    fail(peek == close ? "a comma before '}' (trailing commas are not JSON)" : "a member name in double quotes was expected")
                    return false
                }
                guard string() else { return false }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { fail("':' was expected after the member name"); return false }
                index += 1
                skipSpace()
            } else if peek == close {
                fail("a comma before ']' (trailing commas are not JSON)")
                return false
            }
            guard value(depth: depth + 1) else { return false }
            skipSpace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case close: index += 1; return true
            case nil: fail("the text ends inside \(isObject ? "an object" : "an array")"); return false
            default: fail("',' or '\(Character(Unicode.Scalar(close)))' was expected"); return false
            }
        }
    }

    mutating func word(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        for i in 0..<count where index + i >= bytes.count || bytes[index + i] != literal.utf8Start[i] {
            fail("a value was expected")
            return false
        }
        index += count
        return true
    }

    /// The longest number read: a bibliography holds years, volumes and PMIDs. A number of a
    /// million digits had the decoder fail with no line and a message of a megabyte (a probe).
    static let maximumNumberLength = 100

    mutating func number() -> Bool {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { fail("a digit was expected"); return false }
        index += 1
        if first != UInt8(ascii: "0") {
            skipDigits()
        } else if let next = peek, next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") {
            // `07` for July in hand-edited date parts: JSONDecoder's complaint is a ',' expected.
            skipDigits()
            let written = String(decoding: bytes[start..<min(index, start + 20)], as: UTF8.self)
            index = start
            fail("a number with a leading zero (\(written)) is not JSON")
            return false
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { fail("digits were expected after the decimal point"); return false }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { fail("digits were expected in the exponent"); return false }
        }
        guard index - start <= Self.maximumNumberLength else {
            index = start
            fail("a number of more than \(Self.maximumNumberLength) characters")
            return false
        }
        return true
    }

    @discardableResult
    mutating func skipDigits() -> Int {
        let start = index
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    /// A string from its opening quote: escapes as JSON has them, no raw control character.
    /// (Which scalar an escaped lone surrogate stands for is the decoder's affair.)
    mutating func string() -> Bool {
        index += 1
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return true
            case UInt8(ascii: "\\"):
                guard let escape = peek else { break }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        guard let h = peek, (h >= 0x30 && h <= 0x39) || ((h | 0x20) >= 0x61 && (h | 0x20) <= 0x66) else {
                            fail("'\\u' takes four hexadecimal digits")
                            return false
                        }
                        index += 1
                    }
                default:
                    index -= 1
                    fail("'\\\(Character(Unicode.Scalar(escape)))' is not a JSON escape")
                    return false
                }
            default:
                if byte < 0x20 {
                    index -= 1
                    fail(byte == 0x0A ? "a line break inside a string" : "a control character inside a string")
                    return false
                }
            }
        }
        fail("the text ends inside a string")
        return false
    }
}
