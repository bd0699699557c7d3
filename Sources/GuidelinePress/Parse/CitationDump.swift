/// The citations the pipeline finds in a Markdown fragment, for the differential test against
/// pandoc (`citations-json`): the same parse and extraction as an article body.
public enum CitationDump {
    /// What was found: citations in document order, and bracket groups that did not parse.
    public struct Found: Sendable {
        /// Every citation, in document order.
        public var citations: [Citation]
        /// The raw text of each `[@…` group that is not a citation.
        public var malformed: [String]
    }

    /// Parses `markdown` (no front matter) and collects its citations.
    public static func citations(in markdown: String) -> Found {
        let parsed = MarkdownParser.parse(markdown)
        var extraction = CitationExtraction()
        let blocks = extraction.blocks(parsed.blocks)
        var found: [Citation] = []
        for block in blocks { collect(block, into: &found) }
        return Found(citations: found, malformed: extraction.malformed.map(\.value))
    }

    private static func collect(_ block: Block, into found: inout [Citation]) {
        switch block.kind {
        case .paragraph(let inlines), .heading(_, let inlines):
            collect(inlines, into: &found)
        case .blockQuote(let children):
            for child in children { collect(child, into: &found) }
        case .list(let list):
            for item in list.items { for child in item.blocks { collect(child, into: &found) } }
        case .table(let table):
            for cell in table.header.cells { collect(cell, into: &found) }
            for row in table.rows { for cell in row.cells { collect(cell, into: &found) } }
        case .codeBlock, .htmlBlock, .thematicBreak:
            break
        }
    }

    private static func collect(_ inlines: [Inline], into found: inout [Citation]) {
        for inline in inlines {
            switch inline.kind {
            case .citation(let c): found.append(c)
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c):
                collect(c, into: &found)
            default: break
            }
        }
    }
}
