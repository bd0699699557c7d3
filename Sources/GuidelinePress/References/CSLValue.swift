import Foundation
import Yams

/// A bibliography value before it becomes a ``Reference``: JSON and YAML both read into this.
///
/// Numbers keep their text (`40`, `123`), since CSL fields such as `volume` and `PMID` are
/// text that exporters sometimes write as numbers.
enum CSLValue: Sendable, Hashable {
    case text(String)
    case number(String)
    case bool(Bool)
    case null
    case array([CSLValue])
    case object([String: CSLValue])
    /// The line the value starts on, for YAML items; JSON lines come from ``CSLValue/jsonItemLines(in:)``.
    indirect case positioned(CSLValue, line: Int)

    /// The value without its position.
    var value: CSLValue {
        if case .positioned(let v, _) = self { return v.value }
        return self
    }

    /// The line the value starts on, when known.
    var line: Int? {
        if case .positioned(_, let line) = self { return line }
        return nil
    }

    /// The value as trimmed text, for text and numbers; `nil` when empty or of another kind.
    var string: String? {
        switch value {
        case .text(let s), .number(let s):
            let t = s.trimmingWhitespace()
            return t.isEmpty ? nil : t
        default: return nil
        }
    }

    /// The elements of an array.
    var array: [CSLValue]? {
        if case .array(let a) = value { return a }
        return nil
    }

    /// The members of an object.
    var object: [String: CSLValue]? {
        if case .object(let o) = value { return o }
        return nil
    }
}

// MARK: - JSON

extension CSLValue: Decodable {
    init(from decoder: any Decoder) throws {
        // Each failed attempt throws, so the common kinds are tried first: text, then objects
        // and arrays (items, names, dates). Each decode succeeds only on its own JSON kind, so the
        // order does not change the result.
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .text(s)
        } else if let o = try? c.decode([String: CSLValue].self) {
            self = .object(o)
        } else if let a = try? c.decode([CSLValue].self) {
            self = .array(a)
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .number(String(i))
        } else {
            let d = try c.decode(Double.self)
            self = .number(d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d))
        }
    }

    /// The 1-based line of each element of the item list, in order, found in one pass over the bytes.
    ///
    /// The item list is the top-level array, or the array under the top-level key `items` or
    /// `references`; for a top-level object that is itself an item, the line of its `{`.
    static func jsonItemLines(in text: String) -> [Int] {
        var lines: [Int] = []
        var line = 1
        // Each open container: whether it is an array, and (for depth 1) the key it sits under.
        var stack: [(isArray: Bool, key: String)] = []
        var inString = false
        var escaped = false
        var expectingElement = false
        var expectingKey = false
        var keyBytes: [UInt8]? = nil
        var lastKey = ""
        var sawTopValue = false

        func isItemList(_ stack: [(isArray: Bool, key: String)]) -> Bool {
            if stack.count == 1 { return stack[0].isArray }
            if stack.count == 2 { return !stack[0].isArray && stack[1].isArray
                && (stack[1].key == "items" || stack[1].key == "references") }
            return false
        }

        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if let k = keyBytes { lastKey = String(decoding: k, as: UTF8.self); keyBytes = nil }
                } else if keyBytes != nil { keyBytes!.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            default: break
            }
            if expectingElement, byte != UInt8(ascii: "]") {
                lines.append(line)
                expectingElement = false
            }
            if stack.isEmpty, !sawTopValue, byte == UInt8(ascii: "{") {
                lines.append(line)  // a lone item; dropped by the caller when the object is a wrapper
                sawTopValue = true
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if expectingKey, stack.count == 1 { keyBytes = [] }
                expectingKey = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let isArray = byte == UInt8(ascii: "[")
                stack.append((isArray, stack.count == 1 ? lastKey : ""))
                sawTopValue = true
                expectingElement = isArray && isItemList(stack)
                expectingKey = !isArray
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if !stack.isEmpty { stack.removeLast() }
                expectingElement = false
                expectingKey = false
            case UInt8(ascii: ","):
                if let top = stack.last {
                    expectingElement = top.isArray && isItemList(stack)
                    expectingKey = !top.isArray
                }
            default:
                break
            }
        }
        return lines
    }

    /// The 1-based line of a JSON syntax error, from Foundation's message where it says.
    static func jsonErrorLine(in text: String) -> (line: Int?, reason: String) {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            return (nil, "not valid JSON")
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            var reason = message.hasSuffix(".") ? String(message.dropLast()) : message
            // The decoder may quote the text it failed on: a finding stays a line.
            if reason.count > 200 { reason = String(reason.prefix(197)) + "…" }
            if let n = number(after: "line ", in: message) { return (n, reason) }
            if let offset = number(after: "character ", in: message) {
                let bytes = text.utf8.prefix(offset)
                return (bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }, reason)
            }
            if message.localizedCaseInsensitiveContains("end of file") {
                return (text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }, reason)
            }
            return (nil, reason)
        }
    }

    private static func number(after marker: String, in message: String) -> Int? {
        guard let r = message.range(of: marker) else { return nil }
        let digits = message[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}

// MARK: - YAML

extension CSLValue {
    /// The most values a YAML bibliography of `bytes` bytes may hold once its aliases are followed:
    /// 200,000, or one for every two bytes of a larger file (more than a file without aliases can
    /// hold: a value takes a character and a separator at least). Yams resolves an alias to its
    /// anchored node without copying, but converting follows every alias, so a few lines of nested
    /// aliases would otherwise expand to hundreds of millions of values. (A fixed 200,000 rejected
    /// a plain 8,000-item bibliography of 3.5 MB, fourteenth session.)
    static func maximumYAMLValues(bytes: Int) -> Int { max(200_000, bytes / 2 + 1) }

    /// The value of a composed YAML node, or `nil` when it holds more than `maximum` values.
    static func bounded(yaml node: Node, maximum: Int) -> CSLValue? {
        var budget = maximum
        let value = CSLValue(yaml: node, budget: &budget)
        return budget >= 0 ? value : nil
    }

    /// The value of a composed YAML node; mappings carry their line.
    init(yaml node: Node) {
        var budget = Int.max
        self.init(yaml: node, budget: &budget)
    }

    /// Converts `node`, spending one unit of `budget` per value; stops (with `.null`) once it is spent.
    private init(yaml node: Node, budget: inout Int) {
        budget -= 1
        guard budget >= 0 else {
            self = .null
            return
        }
        let line = node.mark?.line
        let plain: CSLValue
        switch node {
        case .scalar(let s):
            if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
                plain = .null
            } else {
                plain = .text(s.string)
            }
        case .mapping(let m):
            var o: [String: CSLValue] = [:]
            for (k, v) in m where budget >= 0 { o[k.string ?? ""] = CSLValue(yaml: v, budget: &budget) }
            plain = .object(o)
        case .sequence(let s):
            var values: [CSLValue] = []
            for item in s where budget >= 0 { values.append(CSLValue(yaml: item, budget: &budget)) }
            plain = .array(values)
        case .alias:
            plain = .null
        }
        if let line, case .object = plain { self = .positioned(plain, line: line) } else { self = plain }
    }
}
