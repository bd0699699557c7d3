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

    private var anchors = HeadingAnchors()

    /// Creates a renderer.
    public init() {}

    /// Renders blocks.
    public mutating func render(_ blocks: [Block]) -> String {
        var out = ""
        render(blocks, tight: false, into: &out)
        return out
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
                out += inline(inlines)
            } else {
                out += "<p\(attrs)>" + inline(inlines) + "</p>\n"
            }
        case .heading(let level, let inlines):
            let text = Inline.plainText(inlines)
            let anchor = anchors.anchor(for: text)
            let h = min(6, max(minimumHeadingLevel, level + headingOffset))
            guard anchoredHeadings else {
                out += "<h\(h)>" + inline(inlines) + "</h\(h)>\n"
                return
            }
            out += "<h\(h) id=\"\(HTML.escape(anchor))\">" + inline(inlines)
            out += "<a class=\"heading-anchor\" href=\"#\(HTML.attributeURL(anchor))\" aria-label=\"Link to this section\">#</a>"
            if let nodes = pathwayBacklinks[anchor], !nodes.isEmpty {
                out += "<span class=\"pathway-backlinks\"><span aria-hidden=\"true\">↑</span> In the pathway: "
                out += nodes.map { "<a href=\"\(HTML.attributeURL($0.href))\">\(HTML.escape($0.label))</a>" }
                    .joined(separator: " · ")
                out += "</span>"
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
                out += "<th\(align(table, i))>" + inline(cell) + "</th>"
            }
            out += "</tr>\n</thead>\n"
            if !table.rows.isEmpty {
                out += "<tbody>\n"
                for row in table.rows {
                    out += uncitedLines.contains(row.position.line) ? "<tr class=\"review-uncited\">" : "<tr>"
                    for (i, cell) in row.cells.enumerated() {
                        out += "<td\(align(table, i))>" + inline(cell) + "</td>"
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

    /// Renders inlines.
    public func inline(_ inlines: [Inline]) -> String {
        var out = ""
        for item in inlines {
            switch item.kind {
            case .text(let s): out += HTML.escape(s)
            case .code(let s): out += "<code>" + HTML.escape(s) + "</code>"
            case .emphasis(let c): out += "<em>" + inline(c) + "</em>"
            case .strong(let c): out += "<strong>" + inline(c) + "</strong>"
            case .strikethrough(let c): out += "<del>" + inline(c) + "</del>"
            case .softBreak: out += "\n"
            case .lineBreak: out += "<br>\n"
            case .html(let h):
                if !HTMLRawChecker.isOnlyComments(h) { out += "<code class=\"raw-html\">" + HTML.escape(h) + "</code>" }
            case .link(let destination, let title, let children):
                if let href = linkURL(destination) {
                    let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
                    let external = URLSafety.scheme(of: destination) != nil
                    out += "<a href=\"\(HTML.attributeURL(href))\"\(t)\(external ? " rel=\"noopener\"" : "")>" + inline(children) + "</a>"
                } else {
                    out += inline(children)
                }
            case .image(let source, let title, let alt):
                // Only external http(s) images are shown; anything else keeps its alt text.
                if let href = linkURL(source), URLSafety.isSafeExternal(source), !source.lowercased().hasPrefix("mailto:") {
                    let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
                    out += "<img src=\"\(HTML.attributeURL(href))\" alt=\"\(HTML.escape(Inline.plainText(alt)))\"\(t) loading=\"lazy\">"
                } else {
                    out += HTML.escape(Inline.plainText(alt))
                }
            case .citation(let c):
                // Superscript citations sit right after the text or punctuation they support.
                while out.hasSuffix(" ") || out.hasSuffix("\n") { out.removeLast() }
                out += citation(c)
            }
        }
        return out
    }

    private func citation(_ c: Citation) -> String {
        var parts: [String] = []
        for item in c.items {
            var part = ""
            if !item.prefix.isEmpty { part += HTML.escape(item.prefix) + " " }
            if let n = citationNumbers[item.key] {
                part += "<a href=\"#ref-\(n)\">\(n)</a>"
            } else {
                part += "<span class=\"cite-unknown\" title=\"unknown reference key\">?</span>"
            }
            if !item.suffix.isEmpty { part += "(" + HTML.escape(item.suffix) + ")" }
            parts.append(part)
        }
        let lead = c.bracketed ? "" : HTML.escape(c.items.map { $0.suppressAuthor ? "" : "" }.joined())
        return lead + "<sup class=\"cite\">" + parts.joined(separator: ",") + "</sup>"
    }
}
