/// Finds citations in the text of parsed blocks: adjacent text and soft line breaks are joined
/// into one run (cmark splits text at `[` and `]`), scanned by ``CitationParser``, and replaced
/// by text and ``Inline/Kind/citation`` inlines. Code spans and code blocks are never scanned.
struct CitationExtraction {
    /// Bracket groups that start `[@` but do not parse.
    var malformed: [Located<String>] = []

    mutating func blocks(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        for b in blocks { out.append(block(b)) }
        return out
    }

    mutating func block(_ block: Block) -> Block {
        var block = block
        switch block.kind {
        case .paragraph(let inlines): block.kind = .paragraph(self.inlines(inlines))
        case .heading(let level, let inlines): block.kind = .heading(level: level, self.inlines(inlines))
        case .blockQuote(let children): block.kind = .blockQuote(blocks(children))
        case .list(var list):
            for i in list.items.indices { list.items[i].blocks = blocks(list.items[i].blocks) }
            block.kind = .list(list)
        case .table(var table):
            table.header.cells = table.header.cells.map { inlines($0) }
            for i in table.rows.indices { table.rows[i].cells = table.rows[i].cells.map { inlines($0) } }
            block.kind = .table(table)
        case .codeBlock, .htmlBlock, .thematicBreak:
            break
        }
        return block
    }

    mutating func inlines(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        var run: [Inline] = []
        func flush(_ me: inout CitationExtraction) {
            if !run.isEmpty { out += me.scan(run) }
            run.removeAll()
        }
        for inline in inlines {
            switch inline.kind {
            case .text, .softBreak:
                run.append(inline)
            case .emphasis(let c):
                flush(&self); out.append(Inline(.emphasis(self.inlines(c)), at: inline.position))
            case .strong(let c):
                flush(&self); out.append(Inline(.strong(self.inlines(c)), at: inline.position))
            case .strikethrough(let c):
                flush(&self); out.append(Inline(.strikethrough(self.inlines(c)), at: inline.position))
            default:
                flush(&self); out.append(inline)
            }
        }
        flush(&self)
        return out
    }

    /// Scans one run of text and soft breaks.
    private mutating func scan(_ run: [Inline]) -> [Inline] {
        guard run.contains(where: { if case .text(let s) = $0.kind { s.utf8.contains(UInt8(ascii: "@")) } else { false } }) else {
            return run
        }
        var text = ""
        var segments: [(offset: Int, position: SourcePosition)] = []
        var lastPosition = run[0].position
        for inline in run {
            switch inline.kind {
            case .text(let s):
                lastPosition = inline.position
                segments.append((text.utf8.count, inline.position))
                text += s
            default:
                segments.append((text.utf8.count, lastPosition))
                text += "\n"
                lastPosition = SourcePosition(line: lastPosition.line + 1, column: 1)
            }
        }
        let positionOf = { (offset: Int) -> SourcePosition in
            // The last segment starting at or before the offset (binary search: runs can be long).
            var lo = 0, hi = segments.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if segments[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
            }
            let segment = segments[lo]
            return SourcePosition(line: segment.position.line, column: segment.position.column + offset - segment.offset)
        }
        var out: [Inline] = []
        var offset = 0
        for piece in CitationParser.scan(text, position: positionOf) {
            switch piece {
            case .text(let s):
                out += Self.textInlines(s, at: offset, positionOf)
                offset += s.utf8.count
            case .citation(let c):
                out.append(Inline(.citation(c), at: positionOf(offset)))
                offset += c.source.utf8.count
            case .malformed(let s, let at):
                malformed.append(Located(s, at: positionOf(at)))
                out += Self.textInlines(s, at: at, positionOf)
                offset = at + s.utf8.count
            }
        }
        return out
    }

    /// Text with its newlines turned back into soft breaks.
    private static func textInlines(_ s: String, at offset: Int, _ positionOf: (Int) -> SourcePosition) -> [Inline] {
        // Most pieces have no newline: skip splitting, which walks grapheme clusters.
        if !s.utf8.contains(UInt8(ascii: "\n")) {
            return s.isEmpty ? [] : [Inline(.text(s), at: positionOf(offset))]
        }
        var out: [Inline] = []
        var start = offset
        for (i, line) in s.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 {
                out.append(Inline(.softBreak, at: positionOf(start)))
                start += 1
            }
            if !line.isEmpty { out.append(Inline(.text(String(line)), at: positionOf(start))) }
            start += line.utf8.count
        }
        return out
    }
}
