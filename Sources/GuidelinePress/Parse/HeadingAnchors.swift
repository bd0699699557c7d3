/// GitHub-style heading anchors: lowercase, punctuation other than `-` and `_` removed,
/// each space turned into `-`, and repeats numbered `-1`, `-2` in document order.
public struct HeadingAnchors: Sendable {
    private var seen: [String: Int] = [:]
    private var taken: Set<String> = []

    /// Creates an empty set of anchors for one document.
    public init() {}

    /// The base anchor of a heading's text, before repeats are numbered.
    public static func slug(_ text: String) -> String {
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

    /// The anchor of the next heading with this text: the slug, numbered if already taken.
    public mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var n = seen[base] ?? 0
        if taken.contains(candidate) {
            repeat {
                n += 1
                candidate = "\(base)-\(n)"
            } while taken.contains(candidate)
        }
        seen[base] = n
        taken.insert(candidate)
        return candidate
    }
}
