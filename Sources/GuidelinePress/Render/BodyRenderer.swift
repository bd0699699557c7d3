/// Renders an article's or page's blocks to HTML: escaped text, numbered citations, rewritten
/// links, heading anchors, pathway figures, and (in review builds) findings beside their blocks.
///
/// Raw HTML from content is never passed through: it is shown as escaped text.
public struct BodyRenderer {
    /// Citation numbers by key (Vancouver: order of first citation).
    public var citationNumbers: [String: Int] = [:]
    /// The href for a link destination, or `nil` to render the link's text without a link.
    public var linkURL: (String) -> String? = { _ in nil }
    /// For headings that a pathway node targets: the heading's anchor, and each node's URL and label.
    public var pathwayBacklinks: [String: [(href: String, label: String)]] = [:]
    /// Renders a pathway block (literal, position of its first line) to HTML.
    public var pathway: ((String, SourcePosition) -> String)?
    /// Findings to show after the innermost block whose lines hold them (review builds only).
    public var findings: [Diagnostic] = []
    /// Indexes of ``findings`` already shown.
    public private(set) var shownFindings: Set<Int> = []
    /// The lines of blocks that carry an uncited claim (review builds highlight them).
    public var uncitedLines: Set<Int> = []
    /// The level that `##` headings render at (articles render `##` as `<h2>`).
    public var headingOffset = 0
    /// The lowest heading level rendered (2 on pages whose `<h1>` is the title).
    public var minimumHeadingLevel = 2
    /// Whether headings get their `id` and `#` link (off for conformance tests).
    public var anchoredHeadings = true
    /// Whether what depends on other articles (link and image targets, pathway back-links under
    /// headings) is left as ``BodyFragment/Hole``s, filled in once the whole site is known: lets
    /// the parse stage render a body while its tree is at hand. ``linkURL`` and
    /// ``pathwayBacklinks`` are not used in this mode.
    public var defersSiteLinks = false

    private var anchors = HeadingAnchors()
    /// The holes of the fragment being rendered (with ``defersSiteLinks``).
    private var holes: [(offset: Int, hole: BodyFragment.Hole)] = []

    /// Creates a renderer.
    public init() {}

    /// Renders blocks (with ``defersSiteLinks`` off, a fragment without holes).
    public mutating func render(_ blocks: [Block]) -> String {
        renderFragment(blocks).html
    }

    /// Renders blocks to a fragment, whose holes (only with ``defersSiteLinks``) are filled later.
    public mutating func renderFragment(_ blocks: [Block]) -> BodyFragment {
        var out = ""
        render(blocks, tight: false, into: &out)
        defer { holes = [] }
        return BodyFragment(html: out, holes: holes)
    }

    private mutating func render(_ blocks: [Block], tight: Bool, into out: inout String) {
        for block in blocks {
            render(block, tight: tight, into: &out)
        }
    }

    private mutating func render(_ block: Block, tight: Bool, into out: inout String) {
        let flagged = uncitedLines.contains(block.position.line)
        switch block.kind {
        case .paragraph(let inlines):
            let attrs = flagged ? " class=\"review-uncited\"" : ""
            if tight && !flagged {
                inline(inlines, into: &out)
            } else {
                out += "<p\(attrs)>"
                inline(inlines, into: &out)
                out += "</p>\n"
            }
        case .heading(let level, let inlines):
            let text = Inline.plainText(inlines)
            let anchor = anchors.anchor(for: text)
            let h = min(6, max(minimumHeadingLevel, level + headingOffset))
            guard anchoredHeadings else {
                out += "<h\(h)>"
                inline(inlines, into: &out)
                out += "</h\(h)>\n"
                return
            }
            out += "<h\(h) id=\"\(HTML.escape(anchor))\">"
            inline(inlines, into: &out)
            out += "<a class=\"heading-anchor\" href=\"#\(HTML.attributeURL(anchor))\" aria-label=\"Link to this section\">#</a>"
            if defersSiteLinks {
                holes.append((out.utf8.count, .pathwayBacklinks(anchor: anchor)))
            } else {
                out += Self.backlinksHTML(pathwayBacklinks[anchor] ?? [])
            }
            out += "</h\(h)>\n"
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            let start = list.ordered && list.start != 1 ? " start=\"\(list.start)\"" : ""
            out += "<\(tag)\(start)>\n"
            for item in list.items {
                let itemFlagged = item.blocks.first.map { uncitedLines.contains($0.position.line) } ?? false
                out += itemFlagged ? "<li class=\"review-uncited\">" : "<li>"
                if let checked = item.checked {
                    out += "<input type=\"checkbox\" disabled\(checked ? " checked" : "") aria-label=\"\(checked ? "done" : "to do")\"> "
                }
                var first = true
                for child in item.blocks {
                    if !first || !list.tight { if case .paragraph = child.kind, list.tight {} else if !first { out += "\n" } }
                    render(child, tight: list.tight, into: &out)
                    first = false
                }
                out += "</li>\n"
            }
            out += "</\(tag)>\n"
        case .blockQuote(let children):
            out += "<blockquote>\n"
            render(children, tight: false, into: &out)
            out += "</blockquote>\n"
        case .codeBlock(let info, let literal):
            if info.split(separator: " ").first == "pathway", let pathway {
                out += pathway(literal, SourcePosition(line: block.position.line + 1, column: block.position.column))
            } else {
                // CommonMark's convention: the info string's first word names the language.
                let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map {
                    " class=\"language-\(HTML.escape(String($0)))\""
                } ?? ""
                out += "<pre><code\(language)>" + HTML.escape(literal) + "</code></pre>\n"
            }
        case .htmlBlock(let html):
            if !HTMLRawChecker.isOnlyComments(html) {
                out += "<pre class=\"raw-html\"><code>" + HTML.escape(html) + "</code></pre>\n"
            }
        case .thematicBreak:
            out += "<hr>\n"
        case .table(let table):
            out += "<div class=\"table-scroll\"><table>\n<thead>\n<tr>"
            for (i, cell) in table.header.cells.enumerated() {
                out += "<th\(align(table, i))>"
                inline(cell, into: &out)
                out += "</th>"
            }
            out += "</tr>\n</thead>\n"
            if !table.rows.isEmpty {
                out += "<tbody>\n"
                for row in table.rows {
                    out += uncitedLines.contains(row.position.line) ? "<tr class=\"review-uncited\">" : "<tr>"
                    for (i, cell) in row.cells.enumerated() {
                        out += "<td\(align(table, i))>"
                        inline(cell, into: &out)
                        out += "</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody>\n"
            }
            out += "</table></div>\n"
        }
        switch block.kind {
        case .list, .blockQuote: break
        default:
            var found: [(Int, Diagnostic)] = []
            for (i, d) in findings.enumerated() where !shownFindings.contains(i) {
                if let line = d.line, line >= block.position.line, line <= block.endLine {
                    found.append((i, d))
                    shownFindings.insert(i)
                }
            }
            if !found.isEmpty { out += Self.findingsHTML(found) }
        }
    }

    /// The inline review note listing findings, each with the id `finding-N` (N = its index + 1).
    public static func findingsHTML(_ found: [(index: Int, diagnostic: Diagnostic)]) -> String {
        var out = "<aside class=\"review-findings\" aria-label=\"Review findings\"><ul>"
        for (index, d) in found {
            out += "<li class=\"review-\(d.severity.rawValue)\" id=\"finding-\(index + 1)\">"
            out += "<strong>\(d.severity == .error ? "Error" : "Warning")</strong> "
            out += "<code>\(d.rule.rawValue)</code>"
            if let line = d.line { out += " line \(line)" }
            out += ": \(HTML.escape(d.message))</li>"
        }
        return out + "</ul></aside>\n"
    }

    private func align(_ table: Table, _ column: Int) -> String {
        guard column < table.alignments.count else { return "" }
        switch table.alignments[column] {
        case .none: return ""
        case .left: return " class=\"align-left\""
        case .center: return " class=\"align-center\""
        case .right: return " class=\"align-right\""
        }
    }

    /// The pathway back-links shown in a heading: a link to each node that targets it.
    static func backlinksHTML(_ nodes: [(href: String, label: String)]) -> String {
        guard !nodes.isEmpty else { return "" }
        return "<span class=\"pathway-backlinks\"><span aria-hidden=\"true\">↑</span> In the pathway: "
            + nodes.map { "<a href=\"\(HTML.attributeURL($0.href))\">\(HTML.escape($0.label))</a>" }
                .joined(separator: " · ")
            + "</span>"
    }

    /// The opening tag of a link to `href`, written as `destination` with `title`.
    static func linkOpenHTML(href: String, destination: String, title: String) -> String {
        let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
        let external = URLSafety.scheme(of: destination) != nil
        return "<a href=\"\(HTML.attributeURL(href))\"\(t)\(external ? " rel=\"noopener\"" : "")>"
    }

    /// An image whose source resolved to `href` (`nil` when it did not), or its alt text: only
    /// external http(s) images are shown.
    static func imageHTML(href: String?, source: String, title: String, alt: String) -> String {
        if let href, URLSafety.isSafeExternal(source), !source.lowercased().hasPrefix("mailto:") {
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            return "<img src=\"\(HTML.attributeURL(href))\" alt=\"\(HTML.escape(alt))\"\(t) loading=\"lazy\">"
        }
        return HTML.escape(alt)
    }

    /// Renders inlines at the end of `out`.
    private mutating func inline(_ inlines: [Inline], into out: inout String) {
        // A citation takes the spaces before it away, but only spaces of this run of inlines, and
        // never across a hole (in a full render a hole is filled with a tag, not with a space).
        let start = out.utf8.count
        for item in inlines {
            switch item.kind {
            case .text(let s), .escaped(let s): out += HTML.escape(s)
            case .code(let s): out += "<code>" + HTML.escape(s) + "</code>"
            case .emphasis(let c): out += "<em>"; inline(c, into: &out); out += "</em>"
            case .strong(let c): out += "<strong>"; inline(c, into: &out); out += "</strong>"
            case .strikethrough(let c): out += "<del>"; inline(c, into: &out); out += "</del>"
            case .softBreak: out += "\n"
            case .lineBreak: out += "<br>\n"
            case .html(let h):
                if !HTMLRawChecker.isOnlyComments(h) { out += "<code class=\"raw-html\">" + HTML.escape(h) + "</code>" }
            case .link(let destination, let title, let children):
                if defersSiteLinks {
                    holes.append((out.utf8.count, .linkOpen(destination: destination, title: title)))
                    inline(children, into: &out)
                    holes.append((out.utf8.count, .linkClose))
                } else if let href = linkURL(destination) {
                    out += Self.linkOpenHTML(href: href, destination: destination, title: title)
                    inline(children, into: &out)
                    out += "</a>"
                } else {
                    inline(children, into: &out)
                }
            case .image(let source, let title, let alt):
                if defersSiteLinks {
                    holes.append((out.utf8.count, .image(source: source, title: title, alt: Inline.plainText(alt))))
                } else {
                    out += Self.imageHTML(href: linkURL(source), source: source, title: title, alt: Inline.plainText(alt))
                }
            case .citation(let c):
                // Superscript citations sit right after the text or punctuation they support.
                let floor = max(start, holes.last?.offset ?? 0)
                // The last byte first (cheap), then the last character, as before (a space that
                // ends a grapheme cluster with other scalars is not a space of its own).
                while out.utf8.count > floor, let last = out.utf8.last,
                      last == UInt8(ascii: " ") || last == UInt8(ascii: "\n"),
                      out.last == " " || out.last == "\n" { out.removeLast() }
                citation(c, into: &out)
            }
        }
    }

    /// A citation's superscript numbers, written straight into the page (half a million per
    /// 10,000 articles).
    private func citation(_ c: Citation, into out: inout String) {
        out += "<sup class=\"cite\">"
        for (index, item) in c.items.enumerated() {
            if index > 0 { out += "," }
            if !item.prefix.isEmpty { out += HTML.escape(item.prefix); out += " " }
            if let n = citationNumbers[item.key] {
                let number = String(n)
                out += "<a href=\"#ref-"; out += number; out += "\">"; out += number; out += "</a>"
            } else {
                out += "<span class=\"cite-unknown\" title=\"unknown reference key\">?</span>"
            }
            if !item.suffix.isEmpty { out += "("; out += HTML.escape(item.suffix); out += ")" }
        }
        out += "</sup>"
    }
}
