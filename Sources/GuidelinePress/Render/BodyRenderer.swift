/// Renders an article's or page's blocks to HTML: escaped text, numbered citations, rewritten
/// links, heading anchors, pathway figures, and (in review builds) findings beside their blocks.
///
/// Raw HTML from content is never passed through: it is shown as escaped text.
public struct BodyRenderer {
    /// Citation numbers by key (Vancouver: order of first citation).
    var citationNumbers: KeyTable<Int> = [:]
    /// The href for a link destination, or `nil` to render the link's text without a link.
    public var linkURL: (String) -> String? = { _ in nil }
    /// For headings that a pathway node targets: the heading's anchor, and each node's URL and label.
    public var pathwayBacklinks: [String: [(href: String, label: String)]] = [:]
    /// Renders a pathway block (literal, position of its first line) to HTML.
    public var pathway: ((String, SourcePosition) -> String)?
    /// Findings to show after the innermost block whose lines hold them (review builds only).
    public var findings: [Diagnostic] = [] {
        didSet { findingsByLine = FindingsByLine(findings) }
    }
    /// Indexes of ``findings`` already shown.
    public private(set) var shownFindings: Set<Int> = []
    /// ``findings`` not shown yet, by line: each block asks for its own lines only.
    private var findingsByLine = FindingsByLine([])
    /// How many findings the blocks have looked at to place them: about one per finding plus one
    /// per block (tests keep it from growing as findings × blocks again).
    var findingsExamined: Int { findingsByLine.examined }
    /// The lines of blocks that carry an uncited claim (review builds highlight them).
    public var uncitedLines: Set<Int> = []
    /// Whether an `<!-- uncited: REASON -->` comment shows as a note with its reason, right above
    /// the block it exempts (review builds: the board vets each exemption where it stands).
    public var showsExemptions = false
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
    /// The prefix of the reference list's item ids that citations link to (``PageElementIDs``).
    var referencePrefix = "ref-"
    /// The prefix of the review findings' ids (``PageElementIDs/findingPrefix``).
    var findingPrefix = "finding-"

    /// The headings of the blocks' ``ArticleOutline``, in document order, when there is one: each
    /// heading found at the next one's position takes its anchor rather than making it again (the
    /// same anchor: both make them with ``HeadingAnchors`` in document order). Empty: every anchor
    /// is made here.
    public var outlineHeadings: [ArticleOutline.Heading] = []
    /// How many of ``outlineHeadings`` were taken.
    private var outlineHeadingsTaken = 0

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
        var out = HTMLWriter(capacity: 4_096)
        render(blocks, tight: false, into: &out)
        defer { holes = [] }
        return BodyFragment(bytes: out.bytes, holes: holes)
    }

    /// The anchor of the heading with `inlines` at `position`: the outline's next one when it is
    /// there, else made from the heading's text.
    private mutating func anchor(for inlines: [Inline], at position: SourcePosition) -> String {
        if outlineHeadingsTaken < outlineHeadings.count, outlineHeadings[outlineHeadingsTaken].position == position {
            defer { outlineHeadingsTaken += 1 }
            return outlineHeadings[outlineHeadingsTaken].anchor
        }
        if !outlineHeadings.isEmpty {
            // Not the outline's next heading: from here on every anchor is made here, after those taken.
            for taken in outlineHeadings[..<outlineHeadingsTaken] { _ = anchors.anchor(for: taken.text) }
            outlineHeadings = []
        }
        return anchors.anchor(for: Inline.plainText(inlines))
    }

    private mutating func render(_ blocks: [Block], tight: Bool, into out: inout HTMLWriter) {
        for block in blocks {
            render(block, tight: tight, into: &out)
        }
    }

    private mutating func render(_ block: Block, tight: Bool, into out: inout HTMLWriter) {
        let flagged = uncitedLines.contains(block.position.line)
        switch block.kind {
        case .paragraph(let inlines):
            if tight && !flagged {
                inline(inlines, into: &out)
            } else {
                out.write(flagged ? "<p class=\"review-uncited\">" : "<p>")
                inline(inlines, into: &out)
                out.write("</p>\n")
            }
        case .heading(let level, let inlines):
            let anchor = anchor(for: inlines, at: block.position)
            let h = min(6, max(minimumHeadingLevel, level + headingOffset))
            guard anchoredHeadings else {
                out.write("<h")
                out.write(h)
                out.write(">")
                inline(inlines, into: &out)
                out.write("</h")
                out.write(h)
                out.write(">\n")
                return
            }
            out.write("<h")
            out.write(h)
            out.write(" id=\"")
            out.writeEscaped(anchor)
            out.write("\">")
            inline(inlines, into: &out)
            out.write("<a class=\"heading-anchor\" href=\"#")
            out.write(HTML.attributeURL(anchor))
            out.write("\" aria-label=\"Link to this section\">#</a>")
            if defersSiteLinks {
                holes.append((out.count, .pathwayBacklinks(anchor: anchor)))
            } else {
                out.write(Self.backlinksHTML(pathwayBacklinks[anchor] ?? []))
            }
            out.write("</h")
            out.write(h)
            out.write(">\n")
        case .list(let list):
            if list.ordered {
                out.write("<ol")
                if list.start != 1 {
                    out.write(" start=\"")
                    out.write(list.start)
                    out.write("\"")
                }
                out.write(">\n")
            } else {
                out.write("<ul>\n")
            }
            for item in list.items {
                let itemFlagged = item.blocks.first.map { uncitedLines.contains($0.position.line) } ?? false
                out.write(itemFlagged ? "<li class=\"review-uncited\">" : "<li>")
                if let checked = item.checked {
                    out.write(checked ? "<input type=\"checkbox\" disabled checked aria-label=\"done\"> "
                                      : "<input type=\"checkbox\" disabled aria-label=\"to do\"> ")
                }
                var first = true
                for child in item.blocks {
                    if !first || !list.tight { if case .paragraph = child.kind, list.tight {} else if !first { out.write("\n") } }
                    render(child, tight: list.tight, into: &out)
                    first = false
                }
                out.write("</li>\n")
            }
            out.write(list.ordered ? "</ol>\n" : "</ul>\n")
        case .blockQuote(let children):
            out.write("<blockquote>\n")
            render(children, tight: false, into: &out)
            out.write("</blockquote>\n")
        case .codeBlock(let info, let literal):
            if PathwayParser.isPathway(info: info), let pathway {
                out.write(pathway(literal, SourcePosition(line: block.position.line + 1, column: block.position.column)))
            } else {
                // CommonMark's convention: the info string's first word names the language.
                out.write("<pre><code")
                if let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first {
                    out.write(" class=\"language-")
                    out.writeEscaped(String(language))
                    out.write("\"")
                }
                out.write(">")
                out.writeEscaped(literal)
                out.write("</code></pre>\n")
            }
        case .htmlBlock(let html):
            if !HTMLRawChecker.isOnlyComments(html) {
                out.write("<pre class=\"raw-html\"><code>")
                out.writeEscaped(html)
                out.write("</code></pre>\n")
            } else if showsExemptions, let reason = Claims.exemptionReason(html) {
                out.write("<p class=\"review-exemption\">Uncited exemption: ")
                out.writeEscaped(Claims.Exemption(reason: reason, position: block.position).shownReason)
                out.write("</p>\n")
            }
        case .thematicBreak:
            out.write("<hr>\n")
        case .table(let table):
            out.write("<div class=\"table-scroll\"><table>\n<thead>\n<tr>")
            for (i, cell) in table.header.cells.enumerated() {
                out.write("<th")
                out.write(align(table, i))
                out.write(">")
                inline(cell, into: &out)
                out.write("</th>")
            }
            out.write("</tr>\n</thead>\n")
            if !table.rows.isEmpty {
                out.write("<tbody>\n")
                for row in table.rows {
                    out.write(uncitedLines.contains(row.position.line) ? "<tr class=\"review-uncited\">" : "<tr>")
                    for (i, cell) in row.cells.enumerated() {
                        out.write("<td")
                        out.write(align(table, i))
                        out.write(">")
                        inline(cell, into: &out)
                        out.write("</td>")
                    }
                    out.write("</tr>\n")
                }
                out.write("</tbody>\n")
            }
            out.write("</table></div>\n")
        }
        switch block.kind {
        case .list, .blockQuote: break
        default:
            let found = findingsByLine.take(lines: block.position.line, through: block.endLine)
            if !found.isEmpty {
                shownFindings.formUnion(found)
                out.write(Self.findingsHTML(found.map { ($0, findings[$0]) }, idPrefix: findingPrefix))
            }
        }
    }

    /// The inline review note listing findings, each with the id `finding-N` (N = its index + 1;
    /// `idPrefix` stands for `finding-` when a heading has such an anchor).
    public static func findingsHTML(_ found: [(index: Int, diagnostic: Diagnostic)], idPrefix: String = "finding-") -> String {
        // A note, not a landmark (a page had one landmark per block with findings, all named
        // alike); amber when it holds warnings only.
        let warningsOnly = found.allSatisfy { $0.diagnostic.severity == .warning }
        var out = "<div class=\"review-findings\(warningsOnly ? " review-findings-warnings" : "")\" role=\"note\"><ul>"
        for (index, d) in found {
            out += "<li class=\"review-\(d.severity.rawValue)\" id=\"\(HTML.escape(idPrefix))\(index + 1)\">"
            out += "<strong>\(d.severity.label)</strong> "
            out += "<code>\(d.rule.rawValue)</code>"
            if let line = d.line { out += " line \(line)" }
            out += ": \(HTML.escape(d.message))"
            // How to fix it, or why it stands ("the uncited comment on line 9 needs a reason").
            for note in d.notes { out += "<br><span class=\"review-note\">Note: \(HTML.escape(note))</span>" }
            out += "</li>"
        }
        return out + "</ul></div>\n"
    }

    private func align(_ table: Table, _ column: Int) -> StaticString {
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
    /// external http(s) images and the content folder's published images are shown (not a page).
    static func imageHTML(href: String?, source: String, title: String, alt: String) -> String {
        if let href, URLSafety.isSafeExternal(source) ? !source.lowercased().hasPrefix("mailto:") : isPublishedFile(href) {
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            return "<img src=\"\(HTML.attributeURL(href))\" alt=\"\(HTML.escape(alt))\"\(t) loading=\"lazy\">"
        }
        return HTML.escape(alt)
    }

    /// Whether `href`, a relative URL a source without a scheme resolved to, is a published file
    /// of the content folder (``ContentFiles/folder``) rather than a page (whose path ends
    /// `index.html`, and whose slug cannot be `assets`).
    static func isPublishedFile(_ href: String) -> Bool {
        var path = Substring(href)
        while path.hasPrefix("../") { path = path.dropFirst(3) }
        return path.hasPrefix(ContentFiles.folder) && !path.contains("#")
    }

    /// Renders inlines at the end of `out`.
    private mutating func inline(_ inlines: [Inline], into out: inout HTMLWriter) {
        // A citation takes the spaces before it away, but only spaces of this run of inlines, and
        // never across a hole (in a full render a hole is filled with a tag, not with a space).
        let start = out.count
        // Where the last citation's `</sup>` ended: a citation right after it (only spaces between,
        // `[@a] [@b]`) goes on from it with a comma, else the two numbers ran together (`45`).
        var afterCitation = -1
        for item in inlines {
            switch item.kind {
            case .text(let s), .escaped(let s): out.writeEscaped(s)
            case .code(let s):
                out.write("<code>")
                out.writeEscaped(s)
                out.write("</code>")
            case .emphasis(let c):
                out.write("<em>")
                inline(c, into: &out)
                out.write("</em>")
            case .strong(let c):
                out.write("<strong>")
                inline(c, into: &out)
                out.write("</strong>")
            case .strikethrough(let c):
                out.write("<del>")
                inline(c, into: &out)
                out.write("</del>")
            case .softBreak: out.write("\n")
            case .lineBreak: out.write("<br>\n")
            case .html(let h):
                if !HTMLRawChecker.isOnlyComments(h) {
                    out.write("<code class=\"raw-html\">")
                    out.writeEscaped(h)
                    out.write("</code>")
                }
            case .link(let destination, let title, let children):
                if defersSiteLinks {
                    holes.append((out.count, .linkOpen(destination: destination, title: title)))
                    inline(children, into: &out)
                    holes.append((out.count, .linkClose))
                } else if let href = linkURL(destination) {
                    out.write(Self.linkOpenHTML(href: href, destination: destination, title: title))
                    inline(children, into: &out)
                    out.write("</a>")
                } else {
                    inline(children, into: &out)
                }
            case .image(let source, let title, let alt):
                if defersSiteLinks {
                    holes.append((out.count, .image(source: source, title: title, alt: Inline.plainText(alt))))
                } else {
                    out.write(Self.imageHTML(href: linkURL(source), source: source, title: title, alt: Inline.plainText(alt)))
                }
            case .citation(let c):
                // Superscript citations sit right after the text or punctuation they support.
                out.removeTrailingSpaces(downTo: max(start, holes.last?.offset ?? 0))
                citation(c, continuing: out.count == afterCitation, into: &out)
                afterCitation = out.count
            }
        }
    }

    /// A citation's superscript numbers, written straight into the page (half a million per
    /// 10,000 articles).
    ///
    /// A group is printed as the AMA style's CSL (and so pandoc) prints it: in the order of the
    /// numbers, a number repeated without a prefix or locator once, and three or more numbers in a
    /// row as a range with both ends linked (`1–4`); an item with a prefix or locator stands alone
    /// in its place. Until the twenty-second session a group was printed as written (`5,1`, `1,2,3,4`).
    private func citation(_ c: Citation, continuing: Bool, into out: inout HTMLWriter) {
        out.write("<sup class=\"cite\">")
        if continuing, let first = c.items.first { separator(before: first, into: &out) }
        if c.items.count == 1 {
            item(c.items[0], number: citationNumbers[c.items[0].key], into: &out)
        } else {
            group(c.items, into: &out)
        }
        out.write("</sup>")
    }

    /// The items of a group of several, sorted, repeats dropped and runs collapsed.
    private func group(_ items: [CitationItem], into out: inout HTMLWriter) {
        // Nearly every group is written in the order of its numbers, with no repeat and no run of
        // three: then it is written as it stands, without sorting or copying (half a million
        // citations per 10,000 articles).
        let asWritten = withUnsafeTemporaryAllocation(of: Int.self, capacity: items.count) { numbers -> Bool in
            for (i, item) in items.enumerated() {
                guard let n = citationNumbers[item.key], i == 0 || n > numbers[i - 1] else { return false }
                numbers[i] = n
                if i >= 2, numbers[i - 2] + 2 == n, items[(i - 2)...i].allSatisfy({ $0.prefix.isEmpty && $0.suffix.isEmpty }) {
                    return false
                }
            }
            for (i, item) in items.enumerated() {
                if i > 0 { separator(before: item, into: &out) }
                self.item(item, number: numbers[i], into: &out)
            }
            return true
        }
        guard !asWritten else { return }
        // By number, unknown keys last; ties in the order written. Indexes, not copies of the items.
        let numbers = items.map { citationNumbers[$0.key] }
        func plain(_ i: Int) -> Bool { numbers[i] != nil && items[i].prefix.isEmpty && items[i].suffix.isEmpty }
        let sorted = items.indices.sorted { (numbers[$0] ?? .max, $0) < (numbers[$1] ?? .max, $1) }
        // A number repeated without a locator, once: its items are next to each other once sorted.
        var order: [Int] = []
        order.reserveCapacity(sorted.count)
        var plainNumber: Int?
        for i in sorted {
            if plain(i) {
                if plainNumber == numbers[i] { continue }
                plainNumber = numbers[i]
            }
            order.append(i)
        }
        var k = 0
        while k < order.count {
            let first = order[k]
            if k > 0 { separator(before: items[first], into: &out) }
            // A run of plain numbers, each one more than the one before.
            var end = k
            while end + 1 < order.count, plain(order[end]), plain(order[end + 1]),
                  numbers[order[end + 1]] == numbers[order[end]]! + 1 { end += 1 }
            if end - k >= 2 {
                item(items[first], number: numbers[first], into: &out)
                out.write("–")
                item(items[order[end]], number: numbers[order[end]], into: &out)
                k = end + 1
            } else {
                item(items[first], number: numbers[first], into: &out)
                k += 1
            }
        }
    }

    /// `1,2` between numbers; `1, see 2` before a prefix, which would otherwise touch the comma.
    private func separator(before item: CitationItem, into out: inout HTMLWriter) {
        out.write(item.prefix.isEmpty ? "," : ", ")
    }

    /// One item: its prefix, its linked number (or a mark for an unknown key) and its locator.
    private func item(_ item: CitationItem, number: Int?, into out: inout HTMLWriter) {
        if !item.prefix.isEmpty {
            out.writeEscaped(item.prefix)
            out.write(" ")
        }
        if let n = number {
            out.write("<a href=\"#")
            out.write(referencePrefix)
            out.write(n)
            out.write("\">")
            out.write(n)
            out.write("</a>")
        } else {
            out.write("<span class=\"cite-unknown\" title=\"unknown reference key\">?</span>")
        }
        if !item.suffix.isEmpty {
            out.write("(")
            out.writeEscaped(item.suffix)
            out.write(")")
        }
    }
}
