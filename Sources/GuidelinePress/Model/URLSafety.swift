/// Which URLs from content may become links.
public enum URLSafety {
    /// Schemes that run code or smuggle content, rejected as `url-unsafe`.
    public static let unsafeSchemes = ["javascript", "vbscript", "data"]

    /// The scheme of a URL, lowercased, with the control characters and white space that
    /// browsers ignore removed (so `java\tscript:` is still `javascript`); `nil` for a relative URL.
    public static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 || scalar == "\u{7F}" { continue }
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            guard scalar.isASCII, scalar.properties.isAlphabetic || "+-.".unicodeScalars.contains(scalar)
                    || ("0"..."9").contains(scalar) else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// Whether the URL uses a scheme that must never become a link.
    public static func isUnsafe(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return false }
        return unsafeSchemes.contains(scheme)
    }

    /// Whether the URL is an external `http`, `https` or `mailto` link.
    public static func isSafeExternal(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return false }
        return ["http", "https", "mailto"].contains(scheme)
    }
}
