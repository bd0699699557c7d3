/// `html-raw`: raw HTML in content (comments excepted); it is never passed through to the site.
public struct HTMLRawChecker: BlockChecker {
    public var rule: Rule { .htmlRaw }

    /// Nearly every article has no HTML at all: the parser says so, and the walk is skipped.
    public func mayConcern(_ article: Article) -> Bool { article.mayHoldHTML }

    /// Whether HTML is only comments and white space.
    public static func isOnlyComments(_ html: String) -> Bool {
        var rest = Substring(html)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.isEmpty { return true }
            guard rest.hasPrefix("<!--"), let end = rest.range(of: "-->", range: rest.index(rest.startIndex, offsetBy: 4)..<rest.endIndex) else {
                return false
            }
            rest = rest[end.upperBound...]
        }
    }

    public func check(_ blocks: [Block], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func report(_ html: String, _ position: SourcePosition) {
            // On one line, and cut with an ellipsis (a block's several lines had shown as `\n`).
            let tag = Diagnostic.excerpt(html, limit: 40)
            out.append(Diagnostic(file: file, at: position, rule: rule,
                                  message: "raw HTML '\(tag)' is not allowed; write Markdown instead"))
        }
        Block.forEach(in: blocks) { block in
            if case .htmlBlock(let h) = block.kind, !Self.isOnlyComments(h) { report(h, block.position) }
            for run in block.inlineRuns {
                Inline.forEach(in: run) { inline in
                    if case .html(let h) = inline.kind, !Self.isOnlyComments(h) { report(h, inline.position) }
                }
            }
        }
        return out
    }
}
