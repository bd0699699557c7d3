import Foundation

/// Citations on lines that Markdown reads as link reference definitions.
///
/// A paragraph or list item that starts `[@who2020]: masks (strong recommendation)` is, for
/// CommonMark, the definition of a link labelled `@who2020` with the destination `masks` and the
/// title `strong recommendation`: the line is not on the page, citation and all, with no finding
/// (a differential fuzz against pandoc, which reads a citation there, found it). Such lines are
/// found in the source: a line that starts (after block quote and list markers) with `[@` or
/// `[-@` and a label ending `]:`, which no block of the parsed body covers.
enum DefinitionCitations {
    /// The citations of the body's lines that became link definitions, each as a
    /// ``LinkedCitation`` held by a ``LinkedCitation/Holder/definition``. Written in brackets,
    /// they count as a citation meant (`bracketed`) unless the destination is an address, as in
    /// `[@team]: https://example.org/team`, a link to a handle.
    static func find(in body: String, lineOffset: Int, blocks: [Block]) -> [LinkedCitation] {
        var body = body
        // One pass over the bytes, and none at all without a `]:` (nearly every article).
        let candidates = body.withUTF8 { bytes -> [(line: Int, column: Int, label: String, rest: String)] in
            guard Self.containsBracketColon(bytes) else { return [] }
            var found: [(line: Int, column: Int, label: String, rest: String)] = []
            var start = 0, lineNumber = lineOffset
            while start <= bytes.count {
                lineNumber += 1
                let end = start < bytes.count ? bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count : bytes.count
                if let definition = definitionStart(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                    found.append((lineNumber, definition.column, definition.label, definition.rest))
                }
                start = end + 1
            }
            return found
        }
        guard !candidates.isEmpty else { return [] }
        // The lines the leaf blocks cover (containers cover their items' lines, definitions too),
        // in order. cmark strips the definitions that start a paragraph (or a setext heading's
        // text) but keeps the block's first line as its start (review): such a block covers only
        // its text's lines, counted back from its end by the line breaks in its text.
        var covered: [ClosedRange<Int>] = []
        Block.forEach(in: blocks) { block in
            var start = block.position.line, end = max(block.position.line, block.endLine)
            switch block.kind {
            case .list, .blockQuote: return
            case .paragraph(let inlines):
                start = max(start, end - lineBreaks(inlines))
            case .heading(_, let inlines) where end > start:  // setext: the underline is the last line
                start = max(start, end - 1 - lineBreaks(inlines))
            default: break
            }
            covered.append(start...end)
        }
        covered.sort { $0.lowerBound < $1.lowerBound }
        var out: [LinkedCitation] = []
        var next = 0  // candidates come in line order: one sweep over the ranges (it was quadratic)
        for candidate in candidates {
            while next < covered.count, covered[next].upperBound < candidate.line { next += 1 }
            guard next >= covered.count || !covered[next].contains(candidate.line) else { continue }
            // A definition's rest is a destination and perhaps a title in quotes or parentheses
            // (or nothing: they follow on the next line); other text makes the line a paragraph's.
            let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
            let rest = candidate.rest.drop(while: isBlank)
            let destination = String(rest.prefix { !isBlank($0) })
            if let title = rest.dropFirst(destination.count).drop(while: isBlank).first, !"\"'(".contains(title) { continue }
            let lower = destination.lowercased()
            let isAddress = lower.contains("/") || lower.hasPrefix("#") || lower.hasPrefix("mailto:") || lower.hasPrefix("www.")
                || [".md", ".html", ".htm", ".pdf"].contains { lower.hasSuffix($0) }
            // The label's citation (`[@a]: masks`), else the destination's (`[ref]: [@a]`): its
            // text starts after the `]:`, at the label's length past the `[`.
            let labelCites = candidate.label.hasPrefix("@") || candidate.label.hasPrefix("-@")
            let scanned = labelCites ? "[" + candidate.label + "]" : candidate.rest
            let start = labelCites ? candidate.column : candidate.column + candidate.label.utf8.count + 3
            for case .citation(let citation) in CitationParser.scan(scanned, position: {
                SourcePosition(line: candidate.line, column: start + $0)
            }) {
                for item in citation.items {
                    out.append(LinkedCitation(key: item.key, at: item.position, bracketed: labelCites ? !isAddress : true,
                                              holder: .definition))
                }
            }
        }
        return out
    }

    /// Whether `bytes` hold `]:`: `memchr` for each `:`, rarer than `]` in cited text (the pattern
    /// search's byte statistics of each body had cost 4 % of a `--check`).
    static func containsBracketColon(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var from = 1
        while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: ":")), bytes.count - from) {
            let i = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if bytes[i - 1] == UInt8(ascii: "]") { return true }
            from = i + 1
        }
        return false
    }

    /// The soft and hard line breaks in `inlines`, those inside emphasis and links too.
    static func lineBreaks(_ inlines: [Inline]) -> Int {
        var count = 0
        Inline.forEach(in: inlines) { inline in
            switch inline.kind {
            case .softBreak, .lineBreak: count += 1
            // A citation or raw HTML written across lines keeps its newlines in one inline.
            case .citation(let c): count += c.source.utf8.count { $0 == UInt8(ascii: "\n") }
            case .html(let h): count += h.utf8.count { $0 == UInt8(ascii: "\n") }
            default: break
            }
        }
        return count
    }

    /// Where a line's `[@…]:` starts (the 1-based byte column of its `[`), its label and what
    /// follows the colon, when the line starts one after any block quote and list markers.
    static func definitionStart(_ bytes: UnsafeBufferPointer<UInt8>) -> (column: Int, label: String, rest: String)? {
        func isBlank(_ i: Int) -> Bool { i < bytes.count && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")) }
        var i = 0
        // Block quote markers, list markers and the spaces before each.
        while true {
            while isBlank(i) { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ">") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "*") || bytes[i] == UInt8(ascii: "+"), isBlank(i + 1) { i += 1; continue }
            var digits = i
            while digits < bytes.count, digits - i < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digits]) { digits += 1 }
            if digits > i, digits < bytes.count, bytes[digits] == UInt8(ascii: ".") || bytes[digits] == UInt8(ascii: ")"),
               isBlank(digits + 1) { i = digits + 1; continue }
            break
        }
        guard i + 2 < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        // The label ends at the first `]` (a label holds no unescaped brackets); a colon follows.
        guard let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "]")), close + 1 < bytes.count,
              bytes[close + 1] == UInt8(ascii: ":"), !bytes[(i + 1)..<close].contains(UInt8(ascii: "[")) else { return nil }
        // A label that is a citation (`[@a]: masks`), or a destination that is one (`[ref]: [@a]`,
        // `[ref]: @a`, whose line pandoc reads as a citation).
        func citesAt(_ j: Int) -> Bool {
            let sign = j < bytes.count && bytes[j] == UInt8(ascii: "-") ? j + 1 : j
            return sign < bytes.count && bytes[sign] == UInt8(ascii: "@")
        }
        var destination = close + 2
        while isBlank(destination) { destination += 1 }
        guard citesAt(i + 1) || citesAt(destination)
                || (destination < bytes.count && bytes[destination] == UInt8(ascii: "[") && citesAt(destination + 1)) else { return nil }
        return (i + 1, String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<close]), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(rebasing: bytes[(close + 2)...]), as: UTF8.self))
    }
}
