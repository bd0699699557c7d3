/// `html-raw`: raw HTML in content (comments excepted); it is never passed through to the site.
public struct HTMLRawChecker: Checker {
    public var rule: Rule { .htmlRaw }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for article in site.articles { out += check(article.blocks, file: article.file.displayPath) }
        for page in site.pages { out += check(page.blocks, file: page.file.displayPath) }
        return out
    }

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

    private func check(_ blocks: [Block], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func report(_ html: String, _ position: SourcePosition) {
            let tag = html.trimmingCharacters(in: .whitespacesAndNewlines).prefix(40)
            out.append(Diagnostic(file: file, at: position, rule: rule,
                                  message: "raw HTML '\(tag)' is not allowed; write Markdown instead"))
        }
        func inlines(_ list: [Inline]) {
            for inline in list {
                switch inline.kind {
                case .html(let h): if !Self.isOnlyComments(h) { report(h, inline.position) }
                case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): inlines(c)
                default: break
                }
            }
        }
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block.kind {
                case .htmlBlock(let h): if !Self.isOnlyComments(h) { report(h, block.position) }
                case .paragraph(let i), .heading(_, let i): inlines(i)
                case .list(let l): for item in l.items { walk(item.blocks) }
                case .blockQuote(let c): walk(c)
                case .table(let t):
                    for cell in t.header.cells { inlines(cell) }
                    for row in t.rows { for cell in row.cells { inlines(cell) } }
                case .codeBlock, .thematicBreak: break
                }
            }
        }
        walk(blocks)
        return out
    }
}
