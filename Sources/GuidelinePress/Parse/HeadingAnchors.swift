/// GitHub-style heading anchors: lowercase, punctuation other than `-` and `_` removed,
/// each space turned into `-`, and repeats numbered `-1`, `-2` in document order.
public struct HeadingAnchors: Sendable {
    private var seen: [String: Int] = [:]
    private var taken: Set<String> = []

    /// Creates an empty set of anchors for one document.
    public init() {}

    /// The base anchor of a heading's text, before repeats are numbered.
    public static func slug(_ text: String) -> String {
        if let ascii = asciiSlug(text) { return ascii }
        return unicodeSlug(text)
    }

    /// ``slug(_:)`` of ASCII text, byte by byte (letters lowercased, digits, `-` and `_` kept, a
    /// space made `-`, everything else dropped: what the Unicode rules give for ASCII); `nil` for
    /// other text. Headings are nearly always ASCII, and the Unicode path asks every scalar for its
    /// properties.
    static func asciiSlug(_ text: String) -> String? {
        guard !ByteScan.contains(text, atLeast: 0x80, or: 0x80) else { return nil }
        var text = text
        return text.withUTF8 { source in
            // Written straight into the string: an array append a byte cost about ten instructions
            // a byte.
            String(measuredLength: source.count) { out in
                for byte in source {
                    switch byte {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.put(byte + 0x20)
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                         UInt8(ascii: "-"), UInt8(ascii: "_"):
                        out.put(byte)
                    case UInt8(ascii: " "): out.put(UInt8(ascii: "-"))
                    default: break
                    }
                }
            }
        }
    }

    /// ``slug(_:)`` by Unicode properties, for any text.
    static func unicodeSlug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            let p = scalar.properties
            if scalar == "-" || scalar == "_" {
                out.append(scalar)
            } else if scalar == " " {
                out.append("-")
            } else if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                        || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark
                        || p.generalCategory == .connectorPunctuation {
                out.append(scalar)
            }
            // Everything else (punctuation, symbols, other white space) is removed.
        }
        return String(out)
    }

    /// Ids the page templates give their own elements (the question, the reference list and its
    /// items `ref-1`, `ref-2`…, the related lists, the disclaimer, the review findings): a heading
    /// with one of them as its anchor is numbered as if it came second (`## References` gets
    /// `references-1`), so that `#ref-1` leads to the reference, not to a heading `## Ref 1`.
    static let templateIDs: Set<String> = ["main", "title", "question", "references", "related", "linked-from",
                                           "in-pathways", "disclaimer", "ask", "review-summary", "review-summary-title"]

    /// Whether `anchor` is one of ``templateIDs`` or `ref-`/`finding-` and digits.
    static func isTemplateID(_ anchor: String) -> Bool {
        if templateIDs.contains(anchor) { return true }
        for prefix in ["ref-", "finding-"] where anchor.hasPrefix(prefix) {
            let rest = anchor.utf8.dropFirst(prefix.utf8.count)
            if !rest.isEmpty && rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return true }
        }
        return false
    }

    /// The anchor of the next heading with this text: the slug, numbered if already taken (or one
    /// of the templates' own ids); a heading with nothing left for a slug (`## ☃`) is `section`.
    public mutating func anchor(for text: String) -> String {
        var base = Self.slug(text)
        if base.isEmpty { base = "section" }
        // A base not taken yet has never been numbered (a base once seen is always taken): it is
        // the anchor, found with one hash of it.
        if !Self.isTemplateID(base) && taken.insert(base).inserted { return base }
        taken.insert(base)
        var candidate = base
        var n = seen[base] ?? 0
        // `ref` and `finding` numbered plainly would be template ids themselves (`ref-1`).
        let suffix = base == "ref" || base == "finding" ? "-1" : ""
        repeat {
            n += 1
            candidate = "\(base)-\(n)\(suffix)"
        } while taken.contains(candidate) || Self.isTemplateID(candidate)
        seen[base] = n
        taken.insert(candidate)
        return candidate
    }
}
