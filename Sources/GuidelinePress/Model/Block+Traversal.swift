/// Document-order traversal of parsed blocks and inlines, so that each stage need not write
/// its own recursive walk.
extension Block {
    /// Calls `visit` for every block of `blocks` and, depth first, for the blocks inside their
    /// list items and block quotes, in document order.
    public static func forEach(in blocks: [Block], _ visit: (Block) -> Void) {
        for block in blocks {
            visit(block)
            switch block.kind {
            case .list(let list): for item in list.items { forEach(in: item.blocks, visit) }
            case .blockQuote(let children): forEach(in: children, visit)
            default: break
            }
        }
    }

    /// The runs of inlines this block holds itself: a paragraph's or heading's text, or each
    /// table cell (header first); empty for containers and code.
    public var inlineRuns: [[Inline]] {
        switch kind {
        case .paragraph(let inlines), .heading(_, let inlines): [inlines]
        case .table(let table): table.header.cells + table.rows.flatMap(\.cells)
        case .list, .blockQuote, .codeBlock, .htmlBlock, .thematicBreak: []
        }
    }
}

extension Inline {
    /// Calls `visit` for every inline of `inlines` and, depth first, for the inlines inside
    /// emphasis, strong, strikethrough, link text and image descriptions.
    public static func forEach(in inlines: [Inline], _ visit: (Inline) -> Void) {
        for inline in inlines {
            visit(inline)
            switch inline.kind {
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c):
                forEach(in: c, visit)
            default: break
            }
        }
    }
}
