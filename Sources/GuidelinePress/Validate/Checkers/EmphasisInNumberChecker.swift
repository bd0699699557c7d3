/// `emphasis-in-number` (an extension of the contract, a warning): emphasis or strong emphasis
/// that starts right after a digit or ends right before one, which is what GFM makes of asterisks
/// written between numbers for a product. `2*3*4 tablets` is shown as "234 tablets" with an
/// italic 3, and `give 2*3 mg and 4*5 mg` as "give 23 mg and 45 mg": the asterisks vanish and the
/// digits run together into another dose.
///
/// Read from the tree, so only what cmark-gfm made emphasis is reported: an escaped asterisk
/// (`2\*3`), an asterisk with no partner (`5 mg*2`) and code are not. Emphasis with letters on
/// both sides (`x*3*y`) is not reported: no digits run together. An underscore cannot make it
/// (CommonMark's `_` opens no emphasis after a letter or digit, and closes none before one).
public struct EmphasisInNumberChecker: BlockChecker {
    public var rule: Rule { .emphasisInNumber }

    /// Nearly no article has an asterisk between a digit and a letter or digit (none of the seven
    /// sample articles, italic gene names such as `*HER2*` and bold doses included): the parser looked.
    public func mayConcern(_ article: Article) -> Bool { article.mayHoldEmphasisInNumber }

    public func check(_ blocks: [Block], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        Block.forEach(in: blocks) { block in
            for run in block.inlineRuns { check(run, file: file, into: &out) }
        }
        return out
    }

    /// The emphasis of `run` beside a digit, and the emphasis inside emphasis, links and images.
    private func check(_ run: [Inline], file: String, into out: inout [Diagnostic]) {
        for (i, inline) in run.enumerated() {
            switch inline.kind {
            case .emphasis(let inner), .strong(let inner):
                let before = i > 0 ? Self.number(endingWith: run[i - 1]) : nil
                let after = i + 1 < run.count ? Self.number(startingWith: run[i + 1]) : nil
                if before != nil || after != nil {
                    out.append(diagnostic(inline, before: before ?? "", after: after ?? "", file: file))
                }
                check(inner, file: file, into: &out)
            case .strikethrough(let inner), .link(_, _, let inner), .image(_, _, let inner):
                check(inner, file: file, into: &out)
            default: break
            }
        }
    }

    /// The finding for `emphasis`, with the number written before and after it.
    private func diagnostic(_ emphasis: Inline, before: String, after: String, file: String) -> Diagnostic {
        var inner: [Inline] = [], marks = "*", style = "italics"
        switch emphasis.kind {
        case .emphasis(let c): inner = c
        case .strong(let c): inner = c; marks = "**"; style = "bold"
        default: break
        }
        if inner.count == 1 {
            switch (inner[0].kind, marks) {
            case (.strong, "*"), (.emphasis, "**"): style = "bold italics"
            default: break
            }
        }
        let escapedMarks = String(repeating: "\\*", count: marks.count)
        let written = before + marks + Self.written(inner) + marks + after
        let escaped = before + escapedMarks + Self.written(inner) + escapedMarks + after
        let shown = before + Inline.plainText(inner) + after
        return Diagnostic(file: file, at: emphasis.position, rule: rule,
            message: "the asterisks in '\(Diagnostic.excerpt(written, limit: 60))' make \(marks.count == 1 ? "emphasis" : "strong emphasis"): "
                + "the page shows '\(Diagnostic.excerpt(shown, limit: 60))', with '\(Diagnostic.excerpt(Inline.plainText(inner), limit: 40))' in \(style)",
            notes: ["escape each asterisk to show it ('\(Diagnostic.excerpt(escaped, limit: 60))'), or write a multiplication as '×'"])
    }

    /// The word that `inline` ends with, when it is text ending with an ASCII digit (without the
    /// brackets or quotes it opens with: `(2` gives `2`).
    static func number(endingWith inline: Inline) -> String? {
        guard case .text(let s) = inline.kind, let last = s.utf8.last, last &- 0x30 < 10 else { return nil }
        let word = s[(s.lastIndex(where: \.isWhitespace).map { s.index(after: $0) } ?? s.startIndex)...]
        return String(word.drop { "([{\"'".contains($0) })
    }

    /// The word that `inline` starts with, when it is text starting with an ASCII digit (without
    /// the punctuation that ends it: `4.` gives `4`).
    static func number(startingWith inline: Inline) -> String? {
        guard case .text(let s) = inline.kind, let first = s.utf8.first, first &- 0x30 < 10 else { return nil }
        var word = s.prefix { !$0.isWhitespace }
        while let last = word.last, ".,;:!?)]}\"'".contains(last) { word = word.dropLast() }
        return String(word)
    }

    /// `inlines` in Markdown, near enough to how they were written to be found in the file (emphasis
    /// inside is written with `*`, whichever mark made it).
    static func written(_ inlines: [Inline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline.kind {
            case .text(let s), .escaped(let s), .html(let s): out += s
            case .code(let s): out += "`\(s)`"
            case .emphasis(let c): out += "*\(written(c))*"
            case .strong(let c): out += "**\(written(c))**"
            case .strikethrough(let c): out += "~~\(written(c))~~"
            case .link(let destination, _, let c): out += "[\(written(c))](\(destination))"
            case .image(let source, _, let alt): out += "![\(written(alt))](\(source))"
            case .softBreak, .lineBreak: out += " "
            case .citation(let c): out += c.source
            }
        }
        return out
    }
}
