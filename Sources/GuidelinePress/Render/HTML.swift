/// HTML escaping for everything that came from content.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` so that the text is safe in element content and in quoted
    /// attributes of HTML, SVG and XML, and drops the control characters and non-characters that
    /// HTML and XML forbid (tab, line feed and carriage return stay).
    public static func escape(_ text: String) -> String {
        guard ByteScan.contains(text, anyOf: mayNeedEscaping) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = ch.value
                if (v < 0x20 && v != 0x9 && v != 0xA && v != 0xD) || (0x7F...0x9F).contains(v)
                    || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE {
                    continue
                }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The bytes that may start something ``escape(_:)`` changes: `& < > " '`, control characters,
    /// and the lead bytes of U+0080–U+009F (C2) and of non-characters (EF in the first plane, F0–F4
    /// in the others; F5 and above never occur in UTF-8).
    static let mayNeedEscaping = ByteScan.ByteClass(
        below: 0x20, atLeast: 0xF0, bytes: [0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F, 0xC2, 0xEF])

    /// Percent-encodes what must not appear raw in an `href` (spaces, quotes, angle and square brackets,
    /// non-ASCII), then escapes it for an attribute. Square brackets are encoded as cmark does: they are
    /// not valid in a URL's path, query or fragment.
    ///
    /// One pass over the bytes, and none to copy for the usual URL that needs nothing: appending to
    /// the string's scalars a byte at a time cost about 30,000 instructions for a 65-byte link.
    public static func attributeURL(_ url: String) -> String {
        guard url.utf8.contains(where: { !isPlainURLByte($0) }) else { return url }
        var out: [UInt8] = []
        out.reserveCapacity(url.utf8.count + 16)
        for byte in url.utf8 {
            if isPlainURLByte(byte) {
                out.append(byte)
            } else if byte == UInt8(ascii: "&") {
                out += "&amp;".utf8
            } else if byte == UInt8(ascii: "'") {
                out += "&#39;".utf8
            } else {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Printable ASCII that an `href` takes as it is: not `" < > ` \ [ ]` (percent-encoded) nor `&` and
    /// `'` (escaped).
    private static func isPlainURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x5B, 0x5C, 0x5D, 0x60: false
        default: byte >= 0x21 && byte <= 0x7E
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}

extension String {
    /// The string padded on the left with zeros to `width`.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
