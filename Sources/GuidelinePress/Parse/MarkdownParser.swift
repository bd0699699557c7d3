import CCmarkGFM
import Foundation

/// The one boundary with cmark-gfm: turns Markdown into Swift ``Block`` values.
///
/// Every C pointer stays in this file; all C memory is freed before `parse` returns.
/// Enabled extensions: `table` and `strikethrough`. Bare-URL autolinking is off on purpose:
/// it would split citation keys such as `@url:https://example.org/x` (Manubot) into links.
/// Strikethrough takes two tildes (`~~withdrawn~~`): with GitHub's single tilde, pandoc's
/// subscript in a lab unit, `10~9~/L`, was published as "10" and a struck-out "9" followed by "/L".
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
        /// Tables too large to lay out, shown as text (``TableLimit``): the message at the delimiter row.
        public var oversizedTables: [Located<String>] = []
    }

    /// Parses Markdown `text` whose first line is line `lineOffset + 1` of its file.
    public static func parse(_ text: String, lineOffset: Int = 0) -> Result {
        _ = registration
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        guard let parser = cmark_parser_new(options) else { return Result(blocks: [], tooDeep: []) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(text.utf8)
        let oversized = TableLimit.neutralize(&bytes).map {
            Located($0.message, at: SourcePosition(line: lineOffset + $0.line + 1, column: 1))
        }
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
        return Result(blocks: blocks, tooDeep: converter.tooDeep, holdsHTML: converter.holdsHTML, oversizedTables: oversized)
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
        /// The leaf block whose inlines are being converted, when it spans several lines (see
        /// ``LeafLines``); nil for a one-line leaf and a table row, whose inlines' lines are cmark's.
        var leafLines: LeafLines?

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

        /// Starts converting the inlines of a leaf block from `start` to file line `lastLine`.
        mutating func beginLeaf(at start: SourcePosition, lastLine: Int) {
            leafLines = lastLine > start.line
                ? LeafLines(source: source, lineStarts: lineStarts, lineOffset: lineOffset,
                            firstLine: start.line, column: start.column, lastLine: lastLine)
                : nil
        }

        /// The position of an inline node, and in a leaf of several lines, the end of the inline
        /// noted for the next line break (see ``LeafLines``).
        mutating func inlinePosition(_ node: OpaquePointer) -> SourcePosition {
            let p = position(node)
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                if leafLines?.lineBreak(in: source) == false { leafLines = nil }
                return p
            }
            guard let leaf = leafLines, let offset = leaf.offset(column: p.column) else { return snapped(p, type: type) }
            let (line, index) = leaf.location(offset)
            let mapped = snapped(SourcePosition(line: line, column: index - lineStarts[line - lineOffset - 1] + 1), type: type)
            let at = lineStarts[mapped.line - lineOffset - 1] + mapped.column - 1
            let end: Int
            switch type {
            case CMARK_NODE_CODE: end = leaf.offset(ofIndex: codeSpanEnd(from: at, before: leaf.end))
            case CMARK_NODE_HTML_INLINE: end = leaf.offset(ofIndex: at) + (cmark_node_get_literal(node).map { strlen($0) } ?? 0)
            default: end = leaf.offset(ofIndex: at)
            }
            leafLines?.lastEnd = end
            return mapped
        }

        /// After a link's or image's text: its destination and title may hold a newline that makes
        /// no line break, so the next line break's newline is searched for past the link's end.
        mutating func endInline(_ node: OpaquePointer) {
            guard let leaf = leafLines, let end = leaf.offset(endColumn: Int(cmark_node_get_end_column(node))),
                  end > leaf.lastEnd else { return }
            leafLines?.lastEnd = end
        }

        /// The source index past the code span whose opening backticks hold `source[at]`: past the
        /// next run of exactly as many backticks (CommonMark), or past the opening run. (cmark's
        /// column is past the opening run, which ``snapped(_:type:)`` moves onto its last backtick.)
        func codeSpanEnd(from at: Int, before end: Int) -> Int {
            var start = at
            while start > 0, source[start - 1] == UInt8(ascii: "`") { start -= 1 }
            var i = start
            while i < end, source[i] == UInt8(ascii: "`") { i += 1 }
            let run = i - start
            guard run > 0 else { return start }
            while let tick = ByteScan.firstIndex(of: UInt8(ascii: "`"), in: source, from: i, to: end) {
                var j = tick
                while j < end, source[j] == UInt8(ascii: "`") { j += 1 }
                if j - tick == run { return j }
                i = j
            }
            return start + run
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
        /// backslash, and every entity or character reference (`&#64;`, `&amp;`), split off as
        /// ``Inline/Kind/escaped``, so that citation extraction does not read it (cmark drops the
        /// backslash and decodes the entity; the source line still has them). cmark joins the text around
        /// escapes and entities (`&amp;`, `&#42;`) into one node, so the text is matched against its
        /// source line and cut into pieces wherever the two part, each at its own column: a
        /// citation after `\*` or `&amp;` is reported where it is written. Text that does not match
        /// its line stays whole.
        func appendTextInlines(_ text: String, at pos: SourcePosition, to out: inout [Inline]) {
            let whole = Inline(.text(text), at: pos)
            let lineIndex = pos.line - lineOffset - 1
            guard lineIndex >= 0, lineIndex < lineStarts.count else { out.append(whole); return }
            let lineStart = lineStarts[lineIndex]
            let lineEnd = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : source.count
            let start = lineStart + pos.column - 1
            // Until the first backslash or ampersand the text is its source byte for byte: nearly
            // every node has neither (memchr over the node's own length: this runs for every text node).
            let reach = min(lineEnd, start + text.utf8.count)
            guard start < reach, ByteScan.firstIndex(of: UInt8(ascii: "\\"), in: source, from: start, to: reach) != nil
                    || ByteScan.firstIndex(of: UInt8(ascii: "&"), in: source, from: start, to: reach) != nil
            else { out.append(whole); return }
            let literal = Array(text.utf8)
            var pieces: [Inline] = []
            var pieceStart = 0, pieceSource = start
            func column(_ sourceIndex: Int) -> SourcePosition {
                SourcePosition(line: pos.line, column: sourceIndex - lineStart + 1)
            }
            func flush(upTo end: Int) {
                if end > pieceStart {
                    pieces.append(Inline(.text(String(decoding: literal[pieceStart..<end], as: UTF8.self)), at: column(pieceSource)))
                }
            }
            var i = 0, j = start
            while i < literal.count {
                guard j < lineEnd else { out.append(whole); return }
                let byte = literal[i]
                if source[j] == UInt8(ascii: "\\"), j + 1 < lineEnd, source[j + 1] == byte, Self.isASCIIPunctuation(byte) {
                    flush(upTo: i)
                    if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") {
                        pieces.append(Inline(.escaped(String(decoding: literal[i...i], as: UTF8.self)), at: column(j)))
                        pieceStart = i + 1
                        pieceSource = j + 2
                    } else {
                        pieceStart = i
                        pieceSource = j + 1
                    }
                    i += 1
                    j += 2
                } else if source[j] == UInt8(ascii: "&"), let (after, decoded) = entity(at: j, before: lineEnd, literal: literal, from: i) {
                    flush(upTo: i)
                    // What an entity stands for is text, never citation syntax, as in pandoc:
                    // `&#64;who2020` is no citation, `[@a&#59; @b]` no group of two.
                    pieces.append(Inline(.escaped(String(decoding: literal[i..<i + decoded], as: UTF8.self)), at: column(j)))
                    i += decoded
                    j = after
                    pieceStart = i
                    pieceSource = j
                } else if source[j] == byte {
                    i += 1
                    j += 1
                } else {
                    out.append(whole)
                    return
                }
            }
            guard !pieces.isEmpty else { out.append(whole); return }
            flush(upTo: literal.count)
            out.append(contentsOf: pieces)
        }

        /// An entity or numeric character reference that cmark decoded, at `source[start]` (`&`):
        /// the source index past its `;` and how many bytes of `literal` from `from` it became.
        /// Nil when the source is not a reference, or cmark left it as written (`&nosuch;`).
        func entity(at start: Int, before end: Int, literal: [UInt8], from i: Int) -> (after: Int, decoded: Int)? {
            var j = start + 1
            let numeric = j < end && source[j] == UInt8(ascii: "#")
            if numeric { j += 1 }
            let hex = numeric && j < end && (source[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            while j < end, j - digitsStart < 32, Self.isAlphanumeric(source[j]) { j += 1 }
            guard j > digitsStart, j < end, source[j] == UInt8(ascii: ";") else { return nil }
            let after = j + 1, length = after - start
            // Written out in the text as it is in the source: cmark did not decode it.
            if i + length <= literal.count, literal[i..<i + length].elementsEqual(source[start..<after]) { return nil }
            if numeric {
                guard let value = UInt32(String(decoding: source[digitsStart..<j], as: UTF8.self), radix: hex ? 16 : 10)
                else { return nil }
                // cmark writes U+FFFD for zero, surrogates and values past U+10FFFF.
                let scalar = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
                let decoded = String(scalar).utf8.count
                return i + decoded <= literal.count ? (after, decoded) : nil
            }
            // A named entity becomes one or two scalars: the shortest length after which the text
            // goes on as the source does.
            for decoded in 1...min(8, literal.count - i) {
                if i + decoded == literal.count { return (after, decoded) }
                let next = literal[i + decoded]
                if after < end, source[after] == next || source[after] == UInt8(ascii: "\\") || source[after] == UInt8(ascii: "&") {
                    return (after, decoded)
                }
            }
            return nil
        }

        static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
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
                if cmark_node_get_start_line(node) == 0, let next = cmark_node_next(node), typeName(next) == "table" {
                    // cmark-gfm's table extension takes a table's header row from the paragraph
                    // above it, and leaves the paragraph's other lines in a new paragraph with no
                    // position (line 0, its inlines counted from line 0, column 1): they start where
                    // the table node starts, and end above its header row.
                    let start = position(next), lastLine = max(start.line, tableHeaderLine(next, start: start) - 1)
                    leafLines = LeafLines(source: source, lineStarts: lineStarts, lineOffset: lineOffset,
                                          firstLine: start.line, column: start.column, lastLine: lastLine, cmarkColumn: 1)
                    return Block(.paragraph(inlines(of: node, depth: 0)), at: start, endLine: lastLine)
                }
                beginLeaf(at: pos, lastLine: end)
                return Block(.paragraph(inlines(of: node, depth: 0)), at: pos, endLine: end)
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(node))
                // A setext heading's last line, its underline, holds no inline and is never reached.
                beginLeaf(at: pos, lastLine: end)
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
            // A table after paragraph lines starts where they start (cmark-gfm's table node and
            // header row take the paragraph's position, and the header cells' columns count from
            // the paragraph's first content byte): the header row is the line above the delimiter row.
            let headerLine = tableHeaderLine(node, start: pos)
            let tablePosition = SourcePosition(line: headerLine, column: pos.column)
            var header = Table.Row(cells: [], position: tablePosition)
            var rows: [Table.Row] = []
            for rowNode in children(node) {
                let isHeader = cmark_gfm_extensions_get_table_row_is_header(rowNode) != 0
                leafLines = isHeader && headerLine > pos.line
                    ? LeafLines(source: source, lineStarts: lineStarts, lineOffset: lineOffset,
                                firstLine: pos.line, column: pos.column, lastLine: headerLine)
                    : nil
                let cells = children(rowNode).map { inlines(of: $0, depth: 0) }
                if isHeader {
                    header = Table.Row(cells: cells, position: tablePosition)
                } else {
                    var row = Table.Row(cells: cells, position: position(rowNode))
                    row.dropped = cellsBeyond(columns, onLine: row.position.line)
                    rows.append(row)
                }
            }
            leafLines = nil
            return Block(.table(Table(alignments: alignments, header: header, rows: rows)), at: tablePosition, endLine: endLine)
        }

        /// The cells a table row on file line `line` has beyond the table's `columns` (see
        /// ``TableRowCells``), nil when it has none.
        func cellsBeyond(_ columns: Int, onLine line: Int) -> Located<String>? {
            let index = line - lineOffset - 1
            guard columns > 0, index >= 0, index < lineStarts.count else { return nil }
            let from = lineStarts[index], to = index + 1 < lineStarts.count ? lineStarts[index + 1] : source.count
            let cells = TableRowCells.cells(in: source, from: LeafLines.contentStart(in: source, from: from, to: to), to: to)
            guard cells.count > columns else { return nil }
            let extra = cells[columns...]
            let text = extra.map { String(decoding: source[$0], as: UTF8.self).trimmingWhitespace(newlines: false) }
                .joined(separator: " | ")
            return Located(text, at: SourcePosition(line: line, column: extra.first!.lowerBound - from + 1))
        }

        /// The file line of a table's header row: the line above its delimiter row, which is the
        /// line above its first body row, or else the first line from the table's start (at
        /// `start`) that holds only `|`, `-`, `:` and blanks after its container markers.
        func tableHeaderLine(_ table: OpaquePointer, start: SourcePosition) -> Int {
            for row in children(table) where cmark_gfm_extensions_get_table_row_is_header(row) == 0 {
                let line = position(row).line
                return line - 2 >= start.line ? line - 2 : start.line
            }
            var line = start.line + 1
            while line - lineOffset - 1 < lineStarts.count {
                let from = lineStarts[line - lineOffset - 1]
                let to = line - lineOffset < lineStarts.count ? lineStarts[line - lineOffset] : source.count
                var i = LeafLines.contentStart(in: source, from: from, to: to), dash = false, other = false
                while i < to, source[i] != UInt8(ascii: "\n"), source[i] != UInt8(ascii: "\r") {
                    switch source[i] {
                    case UInt8(ascii: "-"): dash = true
                    case UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"): break
                    default: other = true
                    }
                    i += 1
                }
                if dash && !other { return line - 1 }
                line += 1
            }
            return start.line
        }

        mutating func inlines(of node: OpaquePointer, depth: Int) -> [Inline] {
            var out: [Inline] = []
            for child in children(node) {
                let pos = inlinePosition(child)
                if depth > MarkdownParser.maximumDepth {
                    tooDeep.append(pos)
                    leafLines = nil  // Its line breaks are not met one by one.
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
                    endInline(child)
                case CMARK_NODE_IMAGE:
                    out.append(Inline(.image(source: string(cmark_node_get_url(child)),
                                             title: string(cmark_node_get_title(child)),
                                             alt: inlines(of: child, depth: depth + 1)), at: pos))
                    endInline(child)
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
