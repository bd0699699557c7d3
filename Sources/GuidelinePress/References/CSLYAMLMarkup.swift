import Foundation

/// Pandoc reads the text fields of a CSL-YAML bibliography as Markdown (of CSL-JSON, as HTML-like
/// rich text): `pandoc -t markdown` writes a BibTeX title's `{COVID-19}` as `[COVID-19]{.nocase}`,
/// and authors write `*ERBB2*` or `H~2~O`. The reference list showed that markup as written.
///
/// This turns the inline markup pandoc writes in titles into the rich-text tags CSL-JSON uses
/// (``ReferenceFormatter/richTags``), which the formatter already shows: emphasis and strong
/// (`*`, `_`, `**`, `__`, `***`), superscript `^…^`, subscript `~…~`, the `nocase` and
/// `smallcaps` spans, backslash escapes (the character as written) and code spans (their text).
/// Anything else stays as it is; a result whose tags would not nest is dropped for the text as
/// written.
enum CSLYAMLMarkup {
    /// The rich text of a Markdown title (its tags as CSL-JSON writes them).
    static func richText(fromMarkdown s: String) -> String {
        // A title longer than any real one is left as written (a bound on the patterns' work).
        guard s.utf8.count <= maximumLength, s.utf8.contains(where: { markupBytes.contains($0) }) else { return s }
        var text = s
        // Escaped characters and code spans first, as private-use placeholders, so that nothing
        // below reads them as markup; restored as written (an escape without its backslash).
        var kept: [String] = []
        func keep(_ literal: String) -> String {
            kept.append(literal)
            return String(Unicode.Scalar(placeholderBase + UInt32(kept.count - 1))!)
        }
        guard !text.unicodeScalars.contains(where: { $0.value >= placeholderBase && $0.value < placeholderBase + 0x1000 })
        else { return s }
        text = replacing(codeSpan, in: text) { groups in keep(groups[2]) }
        text = replacing(escape, in: text) { groups in keep(groups[1]) }
        guard kept.count < 0x1000 else { return s }
        var tagged = false
        for (pattern, open, close) in rules {
            text = replacing(pattern, in: text) { groups in
                tagged = true
                return open + groups[1] + close
            }
        }
        var restored = ""
        for scalar in text.unicodeScalars {
            if scalar.value >= placeholderBase, scalar.value < placeholderBase + UInt32(kept.count) {
                restored += kept[Int(scalar.value - placeholderBase)]
            } else {
                restored.unicodeScalars.append(scalar)
            }
        }
        guard tagged else { return restored }
        return ReferenceFormatter.richText(restored) != nil ? restored : s
    }

    /// The plain text of a Markdown field shown without markup (a journal's name, in italics).
    static func plainText(fromMarkdown s: String) -> String {
        let rich = richText(fromMarkdown: s)
        guard rich != s else { return s }
        return ReferenceFormatter.richText(rich)?.plain ?? rich
    }

    /// The longest text read as Markdown, in bytes.
    static let maximumLength = 4_000

    /// The bytes that may start markup; a text without them is returned at once.
    private static let markupBytes: Set<UInt8> = Set("*_^~[\\`".utf8)

    /// The first scalar of the placeholders (Supplementary Private Use Area-B).
    private static let placeholderBase: UInt32 = 0x100000

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file: a failure is a programming error.
        try! NSRegularExpression(pattern: pattern, options: [])
    }

    // From the start of a run of backticks, taken whole (possessive): a title of backticks alone
    // had every run tried at every length (a 4 KB title, 0.1 s).
    private static let codeSpan = regex(#"(?<!`)(`++)([^`]+?)\1(?!`)"#)
    private static let escape = regex(#"\\([!-/:-@\[-`{-~])"#)

    /// In order: spans, strong emphasis (`***x***`), strong before emphasis, then super- and
    /// subscripts. Emphasis needs a non-space after its opening and before its closing delimiter;
    /// `_` never inside a word.
    /// No pattern's text may cross its own delimiter (strong: its doubled one), so that a match
    /// tried at each delimiter stops at the next: with `(.+?)`, a 60 KB title of `_a ` took 24 s.
    private static let rules: [(NSRegularExpression, String, String)] = [
        (regex(#"\[([^\[\]]*)\]\{\.nocase\}"#), "<span class=\"nocase\">", "</span>"),
        (regex(#"\[([^\[\]]*)\]\{\.smallcaps\}"#), "<span style=\"font-variant:small-caps;\">", "</span>"),
        (regex(#"\*\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*\*"#), "<b><i>", "</i></b>"),
        (regex(#"(?<![\p{L}\p{N}_])___(?=[^\s_])([^_]+?)(?<=[^\s_])___(?![\p{L}\p{N}_])"#), "<b><i>", "</i></b>"),
        (regex(#"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"#), "<b>", "</b>"),
        (regex(#"(?<![\p{L}\p{N}_])__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__(?![\p{L}\p{N}_])"#), "<b>", "</b>"),
        (regex(#"\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*"#), "<i>", "</i>"),
        (regex(#"(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\p{L}\p{N}_])"#), "<i>", "</i>"),
        (regex(#"\^([^\s^]+)\^"#), "<sup>", "</sup>"),
        (regex(#"(?<!~)~([^\s~]+)~(?!~)"#), "<sub>", "</sub>"),
    ]

    /// `text` with every match of `pattern` replaced by `make(groups)` (group 0 the whole match).
    private static func replacing(_ pattern: NSRegularExpression, in text: String, _ make: ([String]) -> String) -> String {
        let ns = text as NSString
        let matches = pattern.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return text }
        var out = ""
        var last = 0
        for m in matches {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let groups = (0..<m.numberOfRanges).map { i -> String in
                let r = m.range(at: i)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }
            out += make(groups)
            last = m.range.location + m.range.length
        }
        return out + ns.substring(from: last)
    }
}
