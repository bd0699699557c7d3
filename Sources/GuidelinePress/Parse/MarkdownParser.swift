import CCmarkGFM
import Foundation

/// The one boundary with cmark-gfm: turns Markdown into Swift ``Block`` values.
///
/// Every C pointer stays in this file; all C memory is freed before `parse` returns.
/// Enabled extensions: `table` and `strikethrough`. Bare-URL autolinking is off on purpose:
/// it would split citation keys such as `@url:https://example.org/x` (Manubot) into links.
public enum MarkdownParser {
    /// How deep lists, block quotes and inline emphasis may nest before the rest is flattened to text.
    public static let maximumDepth = 48

    /// The result of parsing a body.
    public struct Result: Sendable {
        /// The blocks, positions in the Markdown file.
        public var blocks: [Block]
        /// Positions where nesting exceeded ``maximumDepth``.
        public var tooDeep: [SourcePosition]
        /// Whether any block or inline is raw HTML (``Block/Kind/htmlBlock``, ``Inline/Kind/html``).
        public var holdsHTML = false
    }

    /// Parses Markdown `text` whose first line is line `lineOffset + 1` of its file.
    public static func parse(_ text: String, lineOffset: Int = 0) -> Result {
        _ = registration
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return Result(blocks: [], tooDeep: []) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(text.utf8)
        // One parser at a time in cmark-gfm (see ``cmarkLock``); the conversion below runs on every core.
        cmarkLock.lock()
        bytes.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                cmark_parser_feed(parser, p, buf.count)
            }
        }
        let finished = cmark_parser_finish(parser)
        cmarkLock.unlock()
        if bytes.isEmpty { bytes = [] }
        guard let document = finished else { return Result(blocks: [], tooDeep: []) }
        defer { cmark_node_free(document) }
        var converter = Converter(lineOffset: lineOffset, source: bytes)
        let blocks = converter.blocks(of: document, depth: 0)
        return Result(blocks: blocks, tooDeep: converter.tooDeep, holdsHTML: converter.holdsHTML)
    }

    /// cmark-gfm keeps the characters its inline extensions react to (`~` for strikethrough) in one
    /// global table, which a parser sets before it parses inlines and clears after, in
    /// `cmark_parser_finish` and for every table row in `cmark_parser_feed` (github/cmark-gfm
    /// PR #176, not merged): with two parsers on two threads, one cleared `~` under the other, and
    /// `~~withdrawn advice~~` was published as plain text in some builds (2 of 40 builds of the
    /// sample, fourteenth session's probe). So cmark-gfm parses one text at a time.
    private static let cmarkLock = NSLock()

    /// Registers the core extensions exactly once (without this, tables render as paragraphs).
    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    private struct Converter {
        let lineOffset: Int
        var tooDeep: [SourcePosition] = []
        var holdsHTML = false
        /// The body's bytes and where each of its lines starts, to correct inline columns.
        let source: [UInt8]
        let lineStarts: [Int]
        /// The file line of the leaf block (paragraph, heading, table row) whose inlines are being converted.
        var leafLine = 0
        /// Per file line of the current leaf block: what to add to cmark's inline columns.
        var columnShift: [Int: Int] = [:]

        init(lineOffset: Int, source: [UInt8]) {
            self.lineOffset = lineOffset
            self.source = source
            // `memchr` from line to line: a loop testing each byte cost six instructions a byte.
            var starts = [0]
            var from = 0
            while let newline = ByteScan.firstIndex(of: UInt8(ascii: "\n"), in: source, from: from) {
                starts.append(newline + 1)
                from = newline + 1
            }
            lineStarts = starts
        }

        /// Starts converting the inlines of a leaf block that begins on file line `line`.
        mutating func beginLeaf(line: Int) {
            leafLine = line
            columnShift.removeAll(keepingCapacity: true)
        }

        /// The 1-based column where the text of file line `line` starts, after block-quote
        /// markers and indentation.
        func contentColumn(line: Int) -> Int? {
            let index = line - lineOffset - 1
            guard index >= 0, index < lineStarts.count else { return nil }
            var i = lineStarts[index]
            while i < source.count,
                  source[i] == UInt8(ascii: " ") || source[i] == UInt8(ascii: "\t") || source[i] == UInt8(ascii: ">") {
                i += 1
            }
            return i - lineStarts[index] + 1
        }

        /// The position of an inline node. cmark counts the columns of a paragraph's later lines
        /// from the paragraph's first column, as if their indentation had not been stripped (and as
        /// if a lazy line had the block quote's `>`); the first inline on such a line starts where
        /// the line's text starts, which gives the shift for the whole line.
        mutating func inlinePosition(_ node: OpaquePointer) -> SourcePosition {
            var p = position(node)
            let type = cmark_node_get_type(node)
            guard type != CMARK_NODE_SOFTBREAK, type != CMARK_NODE_LINEBREAK else { return p }
            if p.line != leafLine {
                if let shift = columnShift[p.line] {
                    p.column = max(1, p.column + shift)
                } else if let start = contentColumn(line: p.line) {
                    columnShift[p.line] = start - p.column
                    p.column = start
                }
            }
            return snapped(p, type: type)
        }

        /// cmark-gfm puts an inline that opens a table cell after a cell holding a link one column
        /// too far right. An inline that starts with a known character (`[`, `!`, `<`, `` ` ``,
        /// `*`, `_`, `~`) is moved onto that character when it is one or two columns away.
        func snapped(_ p: SourcePosition, type: cmark_node_type) -> SourcePosition {
            let expected: [UInt8]
            switch type {
            case CMARK_NODE_LINK: expected = [UInt8(ascii: "[")]
            case CMARK_NODE_IMAGE: expected = [UInt8(ascii: "!")]
            case CMARK_NODE_HTML_INLINE: expected = [UInt8(ascii: "<")]
            case CMARK_NODE_CODE: expected = [UInt8(ascii: "`")]
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG: expected = [UInt8(ascii: "*"), UInt8(ascii: "_")]
            default: return p
            }
            let index = p.line - lineOffset - 1
            guard index >= 0, index < lineStarts.count else { return p }
            let start = lineStarts[index]
            let end = index + 1 < lineStarts.count ? lineStarts[index + 1] : source.count
            func holds(_ column: Int) -> Bool {
                let i = start + column - 1
                return column >= 1 && i < end && expected.contains(source[i])
            }
            if holds(p.column) { return p }
            for delta in [-1, 1, -2, 2] where holds(p.column + delta) {
                return SourcePosition(line: p.line, column: p.column + delta)
            }
            return p
        }

        /// Appends a text node as inlines: its text, with every `@`, `[` and `]` the author escaped with a
        /// backslash split off as ``Inline/Kind/escaped``, so that citation extraction does not read
        /// it (cmark drops the backslash; the source line still has it). The text is matched against
        /// its source line, escape by escape; anything else that differs (an entity such as `&amp;`)
        /// leaves the node whole, as before.
        func appendTextInlines(_ text: String, at pos: SourcePosition, to out: inout [Inline]) {
            let whole = Inline(.text(text), at: pos)
            let lineIndex = pos.line - lineOffset - 1
            guard lineIndex >= 0, lineIndex < lineStarts.count else { out.append(whole); return }
            let lineStart = lineStarts[lineIndex]
            let lineEnd = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : source.count
            let start = lineStart + pos.column - 1
            // Nearly every line has no backslash at all (memchr: this runs for every text node).
            guard ByteScan.firstIndex(of: UInt8(ascii: "\\"), in: source, from: start, to: lineEnd) != nil else { out.append(whole); return }
            let literal = Array(text.utf8)
            var escapes: [(offset: Int, sourceIndex: Int)] = []
            var i = 0, j = start
            while i < literal.count {
                guard j < lineEnd else { out.append(whole); return }
                let byte = literal[i]
                if source[j] == UInt8(ascii: "\\"), j + 1 < lineEnd, source[j + 1] == byte, Self.isASCIIPunctuation(byte) {
                    if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") {
                        escapes.append((i, j))
                    }
                    i += 1
                    j += 2
                } else if source[j] == byte {
                    i += 1
                    j += 1
                } else {
                    out.append(whole)
                    return
                }
            }
            guard !escapes.isEmpty else { out.append(whole); return }
            var textStart = 0, sourceStart = start
            func column(_ sourceIndex: Int) -> SourcePosition {
                SourcePosition(line: pos.line, column: pos.column + sourceIndex - start)
            }
            for (offset, sourceIndex) in escapes {
                if offset > textStart {
                    out.append(Inline(.text(String(decoding: literal[textStart..<offset], as: UTF8.self)), at: column(sourceStart)))
                }
                out.append(Inline(.escaped(String(decoding: literal[offset...offset], as: UTF8.self)), at: column(sourceIndex)))
                textStart = offset + 1
                sourceStart = sourceIndex + 2
            }
            if textStart < literal.count {
                out.append(Inline(.text(String(decoding: literal[textStart...], as: UTF8.self)), at: column(sourceStart)))
            }
        }

        /// CommonMark's escapable characters.
        static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
            (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
                || (0x7B...0x7E).contains(byte)
        }

        func position(_ node: OpaquePointer) -> SourcePosition {
            SourcePosition(line: Int(cmark_node_get_start_line(node)) + lineOffset,
                           column: max(1, Int(cmark_node_get_start_column(node))))
        }

        func typeName(_ node: OpaquePointer) -> String {
            String(cString: cmark_node_get_type_string(node))
        }

        func literal(_ node: OpaquePointer) -> String {
            guard let c = cmark_node_get_literal(node) else { return "" }
            return String(cString: c)
        }

        func children(_ node: OpaquePointer) -> [OpaquePointer] {
            var out: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let c = child {
                out.append(c)
                child = cmark_node_next(c)
            }
            return out
        }

        mutating func blocks(of node: OpaquePointer, depth: Int) -> [Block] {
            children(node).compactMap { block($0, depth: depth) }
        }

        mutating func block(_ node: OpaquePointer, depth: Int) -> Block? {
            let pos = position(node)
            let end = Int(cmark_node_get_end_line(node)) + lineOffset
            let type = cmark_node_get_type(node)
            if depth > MarkdownParser.maximumDepth {
                tooDeep.append(pos)
                return Block(.paragraph([Inline(.text(plainText(node)), at: pos)]), at: pos, endLine: end)
            }
            switch type {
            case CMARK_NODE_PARAGRAPH:
                beginLeaf(line: pos.line)
                return Block(.paragraph(inlines(of: node, depth: 0)), at: pos, endLine: end)
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(node))
                beginLeaf(line: pos.line)
                return Block(.heading(level: level, inlines(of: node, depth: 0)), at: pos, endLine: end)
            case CMARK_NODE_BLOCK_QUOTE:
                return Block(.blockQuote(blocks(of: node, depth: depth + 1)), at: pos, endLine: end)
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                let items = children(node).map { item -> ListItem in
                    var checked: Bool?
                    if typeName(item) == "tasklist" {
                        checked = cmark_gfm_extensions_get_tasklist_item_checked(item)
                    }
                    return ListItem(position: position(item), blocks: blocks(of: item, depth: depth + 1),
                                    checked: checked)
                }
                return Block(.list(List(ordered: ordered, start: Int(cmark_node_get_list_start(node)),
                                        tight: cmark_node_get_list_tight(node) != 0, items: items)),
                             at: pos, endLine: end)
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                return Block(.codeBlock(info: info, literal: literal(node)), at: pos, endLine: end)
            case CMARK_NODE_HTML_BLOCK:
                holdsHTML = true
                return Block(.htmlBlock(literal(node)), at: pos, endLine: end)
            case CMARK_NODE_THEMATIC_BREAK:
                return Block(.thematicBreak, at: pos, endLine: end)
            default:
                if typeName(node) == "table" { return table(node, at: pos, endLine: end) }
                // Unknown block kinds (custom blocks, footnote definitions) keep their text.
                return Block(.paragraph([Inline(.text(plainText(node)), at: pos)]), at: pos, endLine: end)
            }
        }

        mutating func table(_ node: OpaquePointer, at pos: SourcePosition, endLine: Int) -> Block {
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [Table.Alignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<columns {
                    switch raw[i] {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            var header = Table.Row(cells: [], position: pos)
            var rows: [Table.Row] = []
            for rowNode in children(node) {
                beginLeaf(line: position(rowNode).line)
                let cells = children(rowNode).map { inlines(of: $0, depth: 0) }
                let row = Table.Row(cells: cells, position: position(rowNode))
                if cmark_gfm_extensions_get_table_row_is_header(rowNode) != 0 {
                    header = row
                } else {
                    rows.append(row)
                }
            }
            return Block(.table(Table(alignments: alignments, header: header, rows: rows)), at: pos, endLine: endLine)
        }

        mutating func inlines(of node: OpaquePointer, depth: Int) -> [Inline] {
            var out: [Inline] = []
            for child in children(node) {
                let pos = inlinePosition(child)
                if depth > MarkdownParser.maximumDepth {
                    tooDeep.append(pos)
                    out.append(Inline(.text(plainText(child)), at: pos))
                    continue
                }
                switch cmark_node_get_type(child) {
                case CMARK_NODE_TEXT: appendTextInlines(literal(child), at: pos, to: &out)
                case CMARK_NODE_CODE: out.append(Inline(.code(literal(child)), at: pos))
                case CMARK_NODE_SOFTBREAK: out.append(Inline(.softBreak, at: pos))
                case CMARK_NODE_LINEBREAK: out.append(Inline(.lineBreak, at: pos))
                case CMARK_NODE_HTML_INLINE:
                    holdsHTML = true
                    out.append(Inline(.html(literal(child)), at: pos))
                case CMARK_NODE_EMPH: out.append(Inline(.emphasis(inlines(of: child, depth: depth + 1)), at: pos))
                case CMARK_NODE_STRONG: out.append(Inline(.strong(inlines(of: child, depth: depth + 1)), at: pos))
                case CMARK_NODE_LINK:
                    out.append(Inline(.link(destination: string(cmark_node_get_url(child)),
                                            title: string(cmark_node_get_title(child)),
                                            inlines(of: child, depth: depth + 1)), at: pos))
                case CMARK_NODE_IMAGE:
                    out.append(Inline(.image(source: string(cmark_node_get_url(child)),
                                             title: string(cmark_node_get_title(child)),
                                             alt: inlines(of: child, depth: depth + 1)), at: pos))
                default:
                    if typeName(child) == "strikethrough" {
                        out.append(Inline(.strikethrough(inlines(of: child, depth: depth + 1)), at: pos))
                    } else {
                        out.append(Inline(.text(plainText(child)), at: pos))
                    }
                }
            }
            return out
        }

        func string(_ c: UnsafePointer<CChar>?) -> String {
            c.map { String(cString: $0) } ?? ""
        }

        /// The text of a subtree, iteratively (no recursion, whatever the depth).
        func plainText(_ root: OpaquePointer) -> String {
            var out = ""
            guard let iter = cmark_iter_new(root) else { return out }
            defer { cmark_iter_free(iter) }
            while true {
                let ev = cmark_iter_next(iter)
                if ev == CMARK_EVENT_DONE { break }
                guard ev == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
                switch cmark_node_get_type(n) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK: out += literal(n)
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING: if !out.isEmpty { out += " " }
                default: break
                }
            }
            return out
        }
    }
}
