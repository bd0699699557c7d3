/// GitHub-style heading anchors: lowercase, punctuation other than `-` and `_` removed,
/// each space turned into `-`, and repeats numbered `-1`, `-2` in document order.
public struct HeadingAnchors: Sendable {
    private var seen: [String: Int] = [:]
    private var taken: Set<String> = []

    /// Creates an empty set of anchors for one document.
    public init() {}

    /// The anchor of a topic's section on the questions page (`topic-breast-cancer`): two topics
    /// with one anchor are `field-invalid`, so each section's is its own.
    public static func topicAnchor(_ topic: String) -> String { "topic-" + slug(topic) }

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
            } else if Self.isWordCharacter(p.generalCategory) {
                out.append(scalar)
            }
            // Everything else (punctuation, symbols, other numbers, other white space) is removed.
        }
        return String(out)
    }

    /// GitHub's word characters (`\p{Word}` of its `[^\p{Word}\- ]` filter): letters, marks,
    /// decimal digits and connector punctuation. Superscripts, fractions and Roman numerals are
    /// numbers of other kinds and are dropped, as on GitHub: `## Dose (mg/m²)` is `#dose-mgm`
    /// (they were kept until the seventeenth session, so a link copied from GitHub's preview broke).
    static func isWordCharacter(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: true
        default: false
        }
    }

    /// The anchor of the next heading with this text: the slug, numbered if already taken; a
    /// heading with nothing left for a slug (`## ☃`) is `section` (GitHub gives `""`, an invalid
    /// id that no link can name).
    public mutating func anchor(for text: String) -> String {
        var base = Self.slug(text)
        if base.isEmpty { base = "section" }
        // A base not taken yet has never been numbered (a base once seen is always taken): it is
        // the anchor, found with one hash of it.
        if taken.insert(base).inserted { return base }
        var candidate = base
        var n = seen[base] ?? 0
        repeat {
            n += 1
            candidate = "\(base)-\(n)"
        } while taken.contains(candidate)
        seen[base] = n
        taken.insert(candidate)
        return candidate
    }
}
