/// A block of an article's body, as parsed from Markdown, with its position in the source file.
///
/// An article is a list of typed blocks so that new kinds (recommendations, say) slot in
/// without reshaping the pipeline.
public struct Block: Sendable, Hashable {
    /// What the block is.
    public var kind: Kind
    /// Where the block starts in the Markdown file (front matter lines included).
    public var position: SourcePosition
    /// The last line of the block in the Markdown file.
    public var endLine: Int

    /// Creates a block.
    public init(_ kind: Kind, at position: SourcePosition, endLine: Int? = nil) {
        self.kind = kind
        self.position = position
        self.endLine = endLine ?? position.line
    }

    /// The kinds of block.
    public indirect enum Kind: Sendable, Hashable {
        case paragraph([Inline])
        case heading(level: Int, [Inline])
        case list(List)
        case blockQuote([Block])
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case thematicBreak
        case table(Table)
    }
}

/// A bullet or ordered list.
public struct List: Sendable, Hashable {
    /// Whether the list is numbered.
    public var ordered: Bool
    /// The first number of an ordered list.
    public var start: Int
    /// Whether the list is tight (items without blank lines between them).
    public var tight: Bool
    /// The items, each a list of blocks.
    public var items: [ListItem]

    /// Creates a list.
    public init(ordered: Bool, start: Int, tight: Bool, items: [ListItem]) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items
    }
}

/// One item of a list.
public struct ListItem: Sendable, Hashable {
    /// Where the item's marker is.
    public var position: SourcePosition
    /// The item's blocks; the first paragraph is its text.
    public var blocks: [Block]
    /// The task-list state, when the item is a task (`- [ ]`, `- [x]`).
    public var checked: Bool?

    /// Creates an item.
    public init(position: SourcePosition, blocks: [Block], checked: Bool? = nil) {
        self.position = position
        self.blocks = blocks
        self.checked = checked
    }
}

/// A GitHub-style table.
public struct Table: Sendable, Hashable {
    /// Column alignments.
    public enum Alignment: Sendable, Hashable { case none, left, center, right }
    /// One row: its cells' inlines and its position.
    public struct Row: Sendable, Hashable {
        /// The cells.
        public var cells: [[Inline]]
        /// Where the row starts.
        public var position: SourcePosition
        /// The cells written after as many as the header has, which GFM does not show: their text
        /// as written (`|` between them) and where the first starts. Nil when there are none.
        public var dropped: Located<String>?
        /// Creates a row.
        public init(cells: [[Inline]], position: SourcePosition) {
            self.cells = cells
            self.position = position
        }
    }

    /// Column alignments, one per column.
    public var alignments: [Alignment]
    /// The header row.
    public var header: Row
    /// The body rows.
    public var rows: [Row]

    /// Creates a table.
    public init(alignments: [Alignment], header: Row, rows: [Row]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}

/// An inline element with the position where it starts in the Markdown file.
public struct Inline: Sendable, Hashable {
    /// What the inline is.
    public var kind: Kind
    /// Where it starts.
    public var position: SourcePosition

    /// Creates an inline.
    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// The kinds of inline.
    public indirect enum Kind: Sendable, Hashable {
        case text(String)
        /// Text the author escaped with a backslash (`\@`, `\[`, `\]`): shown as text, never read as
        /// citation syntax (pandoc's rule).
        case escaped(String)
        case code(String)
        case emphasis([Inline])
        case strong([Inline])
        case strikethrough([Inline])
        case link(destination: String, title: String, [Inline])
        case image(source: String, title: String, alt: [Inline])
        case softBreak
        case lineBreak
        case html(String)
        case citation(Citation)
    }
}

extension Inline {
    /// The plain text of inlines, as a heading anchor or an `alt` attribute sees it; without
    /// `withCode`, each code span is one space.
    public static func plainText(_ inlines: [Inline], withCode: Bool = true) -> String {
        var out = ""
        appendPlainText(inlines, withCode: withCode, to: &out)
        return out
    }

    /// Appends ``plainText(_:withCode:)`` of `inlines` to `out`, telling `leaf` where each leaf's
    /// text starts in it (its byte offset) and whether that text is the source's own bytes (a text
    /// inline) rather than a stand-in (a space for a break or a code span, an escape's character).
    static func appendPlainText(_ inlines: [Inline], withCode: Bool, to out: inout String,
                                leaf: ((_ inline: Inline, _ offset: Int, _ verbatim: Bool) -> Void)? = nil) {
        for inline in inlines {
            switch inline.kind {
            case .text(let s):
                leaf?(inline, out.utf8.count, true)
                out += s
            case .escaped(let s):
                leaf?(inline, out.utf8.count, false)
                out += s
            case .code(let s):
                leaf?(inline, out.utf8.count, false)
                out += withCode ? s : " "
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c):
                appendPlainText(c, withCode: withCode, to: &out, leaf: leaf)
            case .softBreak, .lineBreak:
                leaf?(inline, out.utf8.count, false)
                out += " "
            case .html: break
            case .citation(let c):
                leaf?(inline, out.utf8.count, false)
                out += c.source
            }
        }
    }
}
