import Yams

/// Reads `site.yaml`.
public enum SiteSettingsParser {
    /// The keys `site.yaml` may have.
    public static let keys = ["title", "base_url", "language", "editorial_policy", "review_interval_days",
                              "ask_url", "disclaimer", "board"]

    /// The keys `site.yaml` must have: every key of the contract's `site.yaml` but `ask_url`, the
    /// one it calls optional. A missing one is `site-invalid` (the build goes on with the default
    /// of ``SiteSettings``, so a review build still shows the site); an empty `disclaimer:` is
    /// not missing, and keeps ``SiteSettings/defaultDisclaimer``.
    public static let requiredKeys = keys.filter { $0 != "ask_url" }

    /// Parses `site.yaml`, reporting faults against `file`.
    public static func parse(_ text: String, file: String) -> (SiteSettings, [Diagnostic]) {
        var settings = SiteSettings()
        var diagnostics: [Diagnostic] = []
        func fail(_ rule: Rule, _ message: String, _ position: SourcePosition) {
            diagnostics.append(Diagnostic(file: file, at: position, rule: rule, message: message))
        }
        let root: Node?
        switch YAMLDocument.parse(text, lineOffset: 0) {
        case .failure(let fault):
            fail(.frontMatterSyntax, fault.message, fault.position)
            return (settings, diagnostics)
        case .success(let node):
            root = node
        }
        guard let mapping = root?.mapping else {
            fail(.siteInvalid, "site.yaml must be a mapping of settings", SourcePosition(line: 1, column: 1))
            return (settings, diagnostics)
        }
        let columns = YAMLDocument.ByteColumns(text)
        func pos(_ n: Node) -> SourcePosition { YAMLDocument.position(of: n, lineOffset: 0, columns: columns) }
        var given = Set<String>()
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            given.insert(key)
            let string = value.scalar?.string
            // A text setting given as a list or a mapping, or left empty: said, where it had been
            // passed over in silence (the pages then showed the default title or language).
            func text() -> String? {
                guard let s = string else {
                    fail(.siteInvalid, "'\(key)' must be text", pos(value))
                    return nil
                }
                let trimmed = s.trimmingWhitespace()
                if trimmed.isEmpty { fail(.siteInvalid, "'\(key)' is empty", pos(value)) }
                return trimmed.isEmpty ? nil : trimmed
            }
            switch key {
            case "title": if let s = text() { settings.title = s }
            case "base_url":
                if let s = string, let url = baseURL(s) {
                    settings.baseURL = url
                } else {
                    fail(.siteInvalid, "base_url must be an absolute http(s) URL with a host and a path "
                         + "(no query, fragment or spaces): 'https://guidelines.example.org/'", pos(value))
                }
            case "language":
                guard let s = text() else { continue }
                if Self.isLanguageTag(s) {
                    settings.language = s
                } else {
                    fail(.siteInvalid, "language '\(s)' is not a language tag such as 'en' or 'en-GB'", pos(value))
                }
            case "editorial_policy": if let s = text() { settings.editorialPolicy = Located(s, at: pos(value)) }
            case "review_interval_days":
                if let s = string, let n = Int(s), n > 0 {
                    settings.reviewIntervalDays = n
                } else {
                    fail(.siteInvalid, "review_interval_days must be a positive whole number", pos(value))
                }
            case "ask_url":
                if let s = string, URLSafety.isSafeExternal(s) {
                    settings.askURL = s
                } else {
                    fail(.urlUnsafe, "ask_url must be an http(s) or mailto: URL", pos(value))
                }
            case "disclaimer":
                // Empty: the default disclaimer stays (absent, it is also a missing setting).
                if value.scalar == nil {
                    fail(.siteInvalid, "disclaimer must be text", pos(value))
                } else if let text = string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                    settings.disclaimer = text
                }
            case "board":
                guard let members = value.sequence else {
                    fail(.siteInvalid, "board must be a list of members with id, name and role", pos(value))
                    continue
                }
                var seen = Set<String>()
                for member in members {
                    guard let id = member["id"]?.string, let name = member["name"]?.string else {
                        fail(.siteInvalid, "a board member needs an id and a name", pos(member))
                        continue
                    }
                    if !seen.insert(id).inserted {
                        fail(.siteInvalid, "board id '\(id)' is used twice", pos(member))
                    }
                    settings.board.append(BoardMember(id: id, name: name, role: member["role"]?.string ?? ""))
                }
            default:
                let hint = NearMatch.suggestion(for: key, among: keys).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(Diagnostic(file: file, at: pos(keyNode), severity: .warning, rule: .fieldUnknown,
                                              message: "unknown setting '\(key)'\(hint)"))
            }
        }
        // Each missing key on its own, at the top of the file, as front matter's missing fields are.
        for key in requiredKeys where !given.contains(key) {
            fail(.siteInvalid, "required setting '\(key)' is missing", SourcePosition(line: 1, column: 1))
        }
        return (settings, diagnostics)
    }

    /// Whether `s` has the form of a BCP 47 language tag (`en`, `en-GB`, `zh-Hant-TW`): a primary
    /// subtag of 2–3 letters, then subtags of 1–8 letters or digits. It becomes every page's
    /// `<html lang>`, which screen readers follow.
    static func isLanguageTag(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// `base_url` as the site's absolute URLs start (sitemap, feed, JSON-LD), ending in `/`; `nil`
    /// when it is not an absolute `http(s)` URL the build can append paths to: a host (a name, an
    /// IPv4 or a bracketed IPv6 address, and a port), then a path without white space, quotes,
    /// angle brackets, query or fragment. A probe had `https://` give `https://articles/…` and
    /// `…/?a=1#frag` put every page's path inside the fragment; scheme and host are compared and
    /// written in lowercase (`HTTPS://GUIDELINES.EXAMPLE.ORG` had been refused).
    static func baseURL(_ text: String) -> String? {
        // No white space or invisible character anywhere, ASCII or not: a no-break space pasted
        // into a host or path passed, and reached every URL of the sitemap and feed (a probe).
        guard !text.unicodeScalars.contains(where: { scalar in
            scalar.properties.isWhitespace || [.control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator,
                                                .unassigned, .privateUse, .surrogate].contains(scalar.properties.generalCategory)
        }) else { return nil }
        let lower = text.lowercased()
        let scheme = lower.hasPrefix("https://") ? "https://" : lower.hasPrefix("http://") ? "http://" : nil
        guard let scheme else { return nil }
        let rest = text.utf8.dropFirst(scheme.utf8.count)
        let slash = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        let authority = rest[rest.startIndex..<slash], path = rest[slash...]
        // The host: a bracketed IPv6 address, or letters (any script), digits, dots and hyphens.
        var hostEnd = authority.startIndex
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")),
                  authority[authority.index(after: authority.startIndex)..<close].allSatisfy({ byte in
                      byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || (0x30...0x39).contains(byte)
                          || (0x61...0x66).contains(byte | 0x20) }),
                  close > authority.index(after: authority.startIndex) else { return nil }
            hostEnd = authority.index(after: close)
        } else {
            while hostEnd < authority.endIndex, authority[hostEnd] != UInt8(ascii: ":") {
                let byte = authority[hostEnd]
                guard byte >= 0x80 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                        || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20) else { return nil }
                hostEnd = authority.index(after: hostEnd)
            }
            guard hostEnd > authority.startIndex, authority[authority.startIndex] != UInt8(ascii: "."),
                  authority[authority.startIndex] != UInt8(ascii: "-") else { return nil }
        }
        let port = authority[hostEnd...]
        if !port.isEmpty {
            guard port.count >= 2, port.count <= 6, port.first == UInt8(ascii: ":"),
                  port.dropFirst().allSatisfy({ (0x30...0x39).contains($0) }),
                  let number = Int(String(decoding: port.dropFirst(), as: UTF8.self)), number <= 65_535 else { return nil }
        }
        // The path: RFC 3986's path characters, `%` escapes as they are.
        let allowed = Set("-._~!$&'()*+,;=:@/%".utf8)
        guard path.allSatisfy({ byte in
            byte >= 0x80 || allowed.contains(byte) || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20)
        }) else { return nil }
        let host = String(decoding: authority, as: UTF8.self).lowercased()
        let tail = String(decoding: path, as: UTF8.self)
        return scheme + host + (tail.hasSuffix("/") ? tail : tail + "/")
    }
}
