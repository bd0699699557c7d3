/// What the rest of the site needs to know about one article without its body: headings and
/// their anchors, cited keys in order of first citation, links, and pathway blocks.
///
/// Outlines are small, so the whole site's outlines can be held at once even when the articles'
/// trees are not.
public struct ArticleOutline: Sendable, Equatable {
    /// A heading and its GitHub-style anchor.
    public struct Heading: Sendable, Hashable {
        /// 2 for `##`, and so on.
        public var level: Int
        /// The heading's plain text.
        public var text: String
        /// The anchor (`id`).
        public var anchor: String
        /// Where the heading is.
        public var position: SourcePosition
    }

    /// A Markdown link or image.
    public struct Link: Sendable, Hashable {
        /// The destination as written.
        public var destination: String
        /// Whether it is an image.
        public var isImage: Bool
        /// Where it is.
        public var position: SourcePosition
    }

    /// The article's headings in order.
    public var headings: [Heading] = []
    /// Every anchor of the article.
    public var anchors: Set<String> = []
    /// Cited keys in order of first citation (Vancouver numbering: key at index i is number i + 1).
    public var citedKeys: [String] = []
    /// Every citation item, for validation.
    public var citationItems: [CitationItem] = []
    /// The text right after the key of in-text citation items (``Citation/following``), by index
    /// in ``citationItems``, for those it is not empty: few, so kept apart from the items.
    public var inTextFollowing: [Int: String] = [:]
    /// Every link and image.
    public var links: [Link] = []
    /// Every `pathway` code block, parsed, in order.
    public var pathways: [ParsedPathway] = []
    /// The plain text of the summary (the blocks before the first heading).
    public var summaryText = ""

    /// A parsed `pathway` block.
    public struct ParsedPathway: Sendable, Hashable {
        /// The pathway.
        public var pathway: Pathway
        /// Its `pathway-syntax` findings.
        public var diagnostics: [Diagnostic]
        /// The line of the literal's first line.
        public var position: SourcePosition
        /// The prefix of its DOM ids: `pathway-1` for the article's first pathway.
        public var idPrefix: String

        /// The DOM id of a node.
        public func domID(_ node: String) -> String { "\(idPrefix)-\(node)" }

        /// Whether the parse stopped at the most nodes or edges (its `click` lines may be unread).
        var isCutOff: Bool { diagnostics.contains { $0.message.hasPrefix(PathwayParser.cutOffMessage) } }
    }

    /// Outlines an article's blocks; `file` is the path shown in pathway diagnostics.
    public init(blocks: [Block], file: String = "") {
        var anchorMaker = HeadingAnchors()
        var seenKeys = Set<String>()
        // Room for a long reference list at once: growing from empty rehashed every key six times.
        seenKeys.reserveCapacity(64)
        var inSummary = true
        var summary: [String] = []

        Block.forEach(in: blocks) { block in
            switch block.kind {
            case .heading(let level, let inlines):
                inSummary = false
                let text = Inline.plainText(inlines)
                let anchor = anchorMaker.anchor(for: text)
                headings.append(Heading(level: level, text: text, anchor: anchor, position: block.position))
                anchors.insert(anchor)
            case .paragraph(let inlines):
                if inSummary { summary.append(Self.readableText(inlines)) }
            case .codeBlock(let info, let literal):
                if PathwayParser.isPathway(info: info) {
                    let position = SourcePosition(line: block.position.line + 1, column: block.position.column)
                    let parsed = PathwayParser.parse(literal, file: file, firstLine: position.line,
                                                     column: position.column)
                    pathways.append(ParsedPathway(pathway: parsed.pathway, diagnostics: parsed.diagnostics,
                                                  position: position, idPrefix: "pathway-\(pathways.count + 1)"))
                }
            default:
                break
            }
            for run in block.inlineRuns {
                Inline.forEach(in: run) { inline in
                    switch inline.kind {
                    case .citation(let c):
                        if !c.following.isEmpty { inTextFollowing[citationItems.count] = c.following }
                        for l in c.affixLinks { links.append(Link(destination: l.destination, isImage: l.isImage, position: l.position)) }
                        for item in c.items {
                            citationItems.append(item)
                            if seenKeys.insert(item.key).inserted { citedKeys.append(item.key) }
                        }
                    case .link(let destination, _, _):
                        links.append(Link(destination: destination, isImage: false, position: inline.position))
                    case .image(let source, _, _):
                        links.append(Link(destination: source, isImage: true, position: inline.position))
                    default:
                        break
                    }
                }
            }
        }
        summaryText = summary.joined(separator: " ")
        // A pathway's figure and node ids (`pathway-1`, `pathway-1-a`) step aside from heading
        // anchors, as the templates' ids do: `## Pathway 1 a` had given the page two `id="pathway-1-a"`.
        for i in pathways.indices {
            var prefix = pathways[i].idPrefix
            while anchors.contains(where: { $0 == prefix || $0.hasPrefix(prefix + "-") }) { prefix = "gp-" + prefix }
            pathways[i].idPrefix = prefix
        }
    }

    /// Text as a reader sees it, citations left out (for search and descriptions).
    public static func readableText(_ inlines: [Inline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline.kind {
            case .text(let s), .escaped(let s), .code(let s): out += s
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c):
                out += readableText(c)
            case .softBreak, .lineBreak: out += " "
            case .html, .citation: break
            }
        }
        return asciiSpacing(out) ?? characterSpacing(out)
    }

    /// Runs of spaces, tabs and line feeds as one space, none at either end, none before `.` or
    /// `,`; character by character (a space joined by a combining mark is not a space).
    static func characterSpacing(_ out: String) -> String {
        var collapsed = ""
        var lastSpace = true
        for ch in out {
            if ch == " " || ch == "\n" || ch == "\t" {
                if !lastSpace { collapsed.append(" ") }
                lastSpace = true
            } else {
                collapsed.append(ch)
                lastSpace = false
            }
        }
        if collapsed.hasSuffix(" ") { collapsed.removeLast() }
        return collapsed.replacingOccurrences(of: " .", with: ".").replacingOccurrences(of: " ,", with: ",")
    }

    /// ``characterSpacing(_:)`` for text that is all ASCII without carriage returns (where every
    /// character is one byte), on bytes; `nil` for any other text.
    static func asciiSpacing(_ text: String) -> String? {
        guard ByteScan.isOneBytePerCharacter(text) else { return nil }
        var text = text
        return text.withUTF8 { source in
            // Written straight into the string (an array append a byte cost about ten instructions
            // a byte); the spaces only shrink the text.
            String(measuredLength: source.count) { out in
                var pendingSpace = false
                for byte in source {
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                        pendingSpace = out.count > 0
                    } else {
                        if pendingSpace && byte != UInt8(ascii: ".") && byte != UInt8(ascii: ",") { out.put(0x20) }
                        pendingSpace = false
                        out.put(byte)
                    }
                }
            }
        }
    }
}

extension ArticleOutline {
    /// Calls `body` for each node of the article's pathways that leads somewhere valid, with its
    /// pathway and where it leads (nodes without a target, or with one that does not parse, are
    /// `pathway-target` findings, not relations).
    func forEachPathwayTarget(_ body: (ParsedPathway, PathwayNode, PathwayTarget) -> Void) {
        for parsed in pathways {
            for node in parsed.pathway.nodes {
                guard let text = node.target, case .success(let target) = PathwayTarget.parse(text) else { continue }
                body(parsed, node, target)
            }
        }
    }

    /// The slugs of the articles its pathways lead to (itself among them when a node leads to one
    /// of its own headings by slug), once for each node.
    var pathwayArticles: [String] {
        var slugs: [String] = []
        forEachPathwayTarget { _, _, target in
            switch target {
            case .anchor: break
            case .article(let slug), .articleAnchor(let slug, _): slugs.append(slug)
            }
        }
        return slugs
    }
}
