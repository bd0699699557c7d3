/// Which URLs from content may become links.
public enum URLSafety {
    /// Schemes that run code or smuggle content, rejected as `url-unsafe`; and `file`, which points
    /// into the reader's own computer, never at anything the site holds.
    public static let unsafeSchemes = ["javascript", "vbscript", "data", "file"]

    /// The schemes a link or image may use: the web, e-mail and the telephone. Any other is
    /// `url-unsafe` too: a block list let through `ms-msdt:` and `search-ms:` (which open programs
    /// on the reader's computer: the "Follina" exploit), `mhtml:` and `blob:`, and `ftp:` or
    /// `doi:` lead nowhere a browser goes (nineteenth session's probe).
    public static let allowedSchemes = ["http", "https", "mailto", "tel"]

    /// The scheme of a URL, lowercased, with the control characters and white space that
    /// browsers ignore removed (so `java\tscript:` is still `javascript`); `nil` for a relative URL.
    public static func scheme(of url: String) -> String? {
        // On UTF-8 bytes: every character a scheme may hold, and every one skipped, is one byte.
        var scheme: [UInt8] = []
        for byte in url.utf8 {
            if byte <= 0x20 || byte == 0x7F { continue }
            if byte == UInt8(ascii: ":") { return scheme.isEmpty ? nil : String(decoding: scheme, as: UTF8.self).lowercased() }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                scheme.append(byte)
            default:
                return nil
            }
        }
        return nil
    }

    /// Whether the URL has a scheme that must never become a link: any but ``allowedSchemes``.
    public static func isUnsafe(_ url: String) -> Bool {
        // Without a `:` there is no scheme (most links are relative: `other.md#dosing`).
        guard ByteScan.contains(url, UInt8(ascii: ":")), let scheme = scheme(of: url) else { return false }
        return !allowedSchemes.contains(scheme)
    }

    /// Whether the URL is an external `http`, `https` or `mailto` link.
    public static func isSafeExternal(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return false }
        return ["http", "https", "mailto"].contains(scheme)
    }
}
