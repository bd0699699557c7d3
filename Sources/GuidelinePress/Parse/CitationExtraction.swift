/// Finds citations in the text of parsed blocks: adjacent text and soft line breaks are joined
/// into one run (cmark splits text at `[` and `]`), scanned by ``CitationParser``, and replaced
/// by text and ``Inline/Kind/citation`` inlines. Code spans and code blocks are never scanned.
struct CitationExtraction {
    /// Bracket groups that start `[@` but do not parse.
    var malformed: [Located<String>] = []
    /// Citations written in a link's text or an image's description (`[see [@a]](url)`, or `[@a]`
    /// made a link by a line `[@a]: url`), where they are not read as citations, at their `@`.
    var inLinks: [LinkedCitation] = []
    /// The text of bracket groups without `@` that are not links (`[doi:10.1016/j.x]`,
    /// `[smith2020; jones2019]`), at the `[`: `citation-malformed` when each `;` part is a
    /// reference id (a citation whose `@` was forgotten, which pandoc prints as text).
    var bareBrackets: [Located<String>] = []
    /// The longest bracket text noted in ``bareBrackets``.
    static let bareBracketLimit = 500

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

    /// The first scalar of the placeholders that stand for non-text inlines while a run is scanned
    /// (Supplementary Private Use Area-A, never a key character and never in real prose).
    private static let placeholderBase: UInt32 = 0xF0000
    /// The most inlines one scan numbers with placeholders (they stay below U+10FFFF).
    private static let maximumRun = 0xF000

    mutating func inlines(_ inlines: [Inline]) -> [Inline] {
        self.inlines(inlines, separated: false)
    }

    /// ``inlines(_:)``; `separated` once text in the placeholders' range stands apart
    /// (``separatingPlaceholderRange(_:)``).
    private mutating func inlines(_ inlines: [Inline], separated: Bool) -> [Inline] {
        if inlines.count < Self.maximumRun && !separated { noteBareBrackets(inlines) }
        guard Self.hasAt(inlines) else { return inlines.map { recurse($0) } }
        if inlines.count >= Self.maximumRun {
            // Placeholders are numbered within a run; a gigantic paragraph is scanned in slices.
            var out: [Inline] = []
            var start = 0
            while start < inlines.count {
                let end = min(start + Self.maximumRun - 1, inlines.count)
                out += self.inlines(Array(inlines[start..<end]))
                start = end
            }
            return out
        }
        // One scan over the whole inline list: text and soft breaks as they are, every other inline
        // as one placeholder scalar, so that `[*see* @a, p. 3]` or `[@a, `x`]` stay one group. The
        // run is built as UTF-8 bytes, which the scanner reads and the text inlines are cut from.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(inlines.count * 16)
        var segments: [(offset: Int, position: SourcePosition)] = []
        var lastPosition = inlines[0].position
        for (index, inline) in inlines.enumerated() {
            switch inline.kind {
            case .text(let s) where Self.usesPlaceholderRange(s):
                // Text in the placeholders' range itself (an icon of a Nerd font or Obsidian, in
                // U+F0000 and on): such characters stand apart and are read as one placeholder
                // each run, so that the citations around them are found. The whole run had been
                // left unread, and its citation with it (a probe of real clinical notes).
                guard separated else { return self.inlines(Self.separatingPlaceholderRange(inlines), separated: true) }
                lastPosition = inline.position
                segments.append((bytes.count, inline.position))
                Self.appendPlaceholder(index, to: &bytes)
            case .text(let s):
                lastPosition = inline.position
                segments.append((bytes.count, inline.position))
                bytes.append(contentsOf: s.utf8)
            case .softBreak:
                segments.append((bytes.count, lastPosition))
                bytes.append(0x0A)
                lastPosition = SourcePosition(line: lastPosition.line + 1, column: 1)
            default:
                lastPosition = inline.position
                segments.append((bytes.count, inline.position))
                Self.appendPlaceholder(index, to: &bytes)
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
        /// Reports the group at `range` of the run as written, its other inlines as their text.
        func noteMalformed(_ range: Range<Int>) {
            malformed.append(Located(Self.plain(String(decoding: bytes[range], as: UTF8.self), inlines), at: positionOf(range.lowerBound)))
        }
        let (pieces, unread) = CitationParser.scanNoting(bytes, position: positionOf)
        unread.forEach(noteMalformed)
        for piece in pieces {
            switch piece {
            case .text(let range):
                restore(bytes, range, inlines, positionOf, into: &out)
            case .citation(var c, let range):
                // Raw HTML inside the brackets (`[see @a, p. <img …>]`), or markup inside a key
                // (`[@{<i>x</i>}]`): not a citation. The group stays as written, so that html-raw
                // finds its HTML, and is reported; its text had been dropped without a finding,
                // and a key's placeholders leaked into citation-unknown's message.
                let holdsInlines = Self.usesPlaceholderRange(c.source)
                if holdsInlines,
                   c.items.contains(where: { Self.usesPlaceholderRange($0.key) }) || Self.holdsRawHTML(c.source, inlines) {
                    malformed.append(Located(Self.plain(c.source, inlines), at: positionOf(range.lowerBound)))
                    restore(bytes, range, inlines, positionOf, into: &out)
                    continue
                }
                // `[@a, @b]` or `[@a and @b]`: pandoc reads `@b` as a citation inside `a`'s suffix,
                // which a numbered reference list cannot show; left as text, the claim would look
                // cited by `b` while `b` is in no reference list. It is reported instead. Looked
                // for before code spans are put back: `` [@a, field `@dose`] `` cites `a` alone.
                let nested = c.items.contains { Self.holdsCitation($0.prefix) || Self.holdsCitation($0.suffix) }
                    // Emphasis that starts inside the group and ends in a later one (`[@a, *x]. B
                    // [@b]. C [@c, y*]`): cmark's emphasis holds the rest of the text and the
                    // citations in it, which a suffix would have hidden (a differential fuzz).
                    || holdsInlines && c.items.contains { Self.emphasisHoldsCitation($0.prefix, inlines) || Self.emphasisHoldsCitation($0.suffix, inlines) }
                c.affixLinks = Self.links(in: c.items.flatMap { [$0.prefix, $0.suffix] }, inlines)
                c.source = Self.plain(c.source, inlines)
                for i in c.items.indices {
                    c.items[i].prefix = Self.plain(c.items[i].prefix, inlines)
                    c.items[i].suffix = Self.plain(c.items[i].suffix, inlines)
                }
                if nested {
                    malformed.append(Located(c.source, at: positionOf(range.lowerBound)))
                }
                if !c.bracketed, c.items.count == 1 {
                    c.following = Self.following(bytes, from: range.upperBound)
                }
                out.append(Inline(.citation(c), at: positionOf(range.lowerBound)))
            case .malformed(let range):
                noteMalformed(range)
                restore(bytes, range, inlines, positionOf, into: &out)
            }
        }
        return out
    }

    /// Appends the placeholder of the inline at `index`: its four UTF-8 bytes (F3 B0 … for
    /// U+F0000 and on).
    private static func appendPlaceholder(_ index: Int, to bytes: inout [UInt8]) {
        let value = placeholderBase + UInt32(index)
        bytes.append(contentsOf: [UInt8(0xF0 | value >> 18), UInt8(0x80 | (value >> 12) & 0x3F),
                                  UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F)])
    }

    /// `inlines` with each text that uses the placeholders' range cut into texts of such
    /// characters alone and texts without them, each at its own column (in bytes, as positions count).
    private static func separatingPlaceholderRange(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        for inline in inlines {
            guard case .text(let s) = inline.kind, usesPlaceholderRange(s) else {
                out.append(inline)
                continue
            }
            var part = String.UnicodeScalarView()
            var partInRange = false
            var (column, partColumn) = (inline.position.column, inline.position.column)
            for scalar in s.unicodeScalars {
                let inRange = scalar.value >= placeholderBase
                if inRange != partInRange, !part.isEmpty {
                    out.append(Inline(.text(String(part)), at: SourcePosition(line: inline.position.line, column: partColumn)))
                    part = String.UnicodeScalarView()
                    partColumn = column
                }
                partInRange = inRange
                part.append(scalar)
                column += UTF8.width(scalar)
            }
            if !part.isEmpty { out.append(Inline(.text(String(part)), at: SourcePosition(line: inline.position.line, column: partColumn))) }
        }
        return out
    }

    /// The text of a scanned run from `start` up to the next space, line break or other inline (at
    /// most ``Citation/followingLimit`` bytes, cut at a character's start).
    private static func following(_ bytes: [UInt8], from start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < Citation.followingLimit {
            let byte = bytes[end]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte >= 0xF3 { break }
            end += 1
        }
        while end > start, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Whether `s` holds a scalar at or above ``placeholderBase`` (U+F0000): in UTF-8 a lead byte F4,
    /// or F3 followed by B0 or more. Checked on bytes: decoding scalars cost a tenth of the parse.
    private static func usesPlaceholderRange(_ s: String) -> Bool {
        // Nearly all text has no byte F3 or above at all.
        guard ByteScan.contains(s, atLeast: 0xF3, or: 0xF3) else { return false }
        var previous: UInt8 = 0
        for byte in s.utf8 {
            if byte == 0xF4 || (previous == 0xF3 && byte >= 0xB0) { return true }
            previous = byte
        }
        return false
    }

    /// Whether scanned text holds the placeholder of an emphasis, strong or struck-through inline
    /// whose text (code aside) holds citation syntax: a `[@`, or a bracket, which a prefix's or
    /// suffix's emphasis cannot balance inside its group.
    private static func emphasisHoldsCitation(_ s: String, _ originals: [Inline]) -> Bool {
        guard usesPlaceholderRange(s) else { return false }
        return s.unicodeScalars.contains { scalar in
            guard scalar.value >= placeholderBase else { return false }
            switch originals[Int(scalar.value - placeholderBase)].kind {
            case .emphasis(let c), .strong(let c), .strikethrough(let c):
                let text = Inline.plainText(c, withCode: false)
                return text.contains("[@") || text.contains("]") || holdsCitation(text)
            default: return false
            }
        }
    }

    /// Whether scanned text holds the placeholder of a raw HTML inline.
    private static func holdsRawHTML(_ s: String, _ originals: [Inline]) -> Bool {
        s.unicodeScalars.contains { scalar in
            guard scalar.value >= placeholderBase else { return false }
            if case .html = originals[Int(scalar.value - placeholderBase)].kind { return true }
            return false
        }
    }

    /// Whether a citation's prefix or suffix holds a citation of its own (pandoc's rules: an
    /// in-text `@key`, not an e-mail address or a lone `@`), or an `@` and a key glued to the
    /// punctuation before it (`[@a.@b]`: pandoc cites `a` alone and prints `.@b`, so `b` would be
    /// in no reference list).
    private static func holdsCitation(_ text: String) -> Bool {
        guard ByteScan.contains(text, UInt8(ascii: "@")) else { return false }
        if CitationParser.scan(Array(text.utf8), position: { _ in SourcePosition(line: 1, column: 1) }).contains(where: {
            if case .citation = $0 { true } else { false }
        }) { return true }
        // ASCII on both sides, in the parser's terms: an e-mail address (`name@host`) has a letter
        // or digit before its `@`; a placeholder (a code span or other inline) is not punctuation.
        let scalars = Array(text.unicodeScalars)
        for i in scalars.indices.dropFirst().dropLast() where scalars[i] == "@" {
            let before = scalars[i - 1], next = scalars[i + 1]
            let startsKey = next.isASCII && (CitationParser.isKeyCharacter(next) || next == "{")
            if startsKey, before.isASCII, !CitationParser.isAlphanumeric(before) { return true }
        }
        return false
    }

    /// Notes the citations in the text of a link or an image (code spans aside). An autolink's
    /// text is its address (`<https://x.org/@team>`), never a citation.
    private mutating func noteCitations(inLink inline: Inline, destination: String, text: [Inline], isImage: Bool) {
        let plain = Inline.plainText(text, withCode: false)
        guard ByteScan.contains(plain, UInt8(ascii: "@")), plain != destination, "mailto:" + plain != destination else { return }
        let leaves = Self.leafStarts(text, from: inline.position)
        for case .citation(let c, _) in CitationParser.scan(Array(plain.utf8), position: leaves.position(at:)) {
            for item in c.items {
                let holder: LinkedCitation.Holder = isImage ? .image : plain == "@" + item.key ? .wholeLink : .link
                inLinks.append(LinkedCitation(key: item.key, at: item.position, bracketed: c.bracketed, holder: holder))
            }
        }
    }

    /// Where each leaf of `inlines` starts in their plain text (``Inline/plainText(_:withCode:)``
    /// without code) and in the source, to trace a citation found in a link's text to its `@`.
    struct LeafStarts {
        /// Each leaf's offset in the plain text, its source position, and whether its bytes are
        /// the source's own (text: columns count on from its start; other leaves stand at their start).
        var starts: [(offset: Int, position: SourcePosition, verbatim: Bool)] = []
        /// Where the holder starts, for an offset before every leaf.
        var fallback: SourcePosition

        /// The source position of the plain text's byte at `offset`.
        func position(at offset: Int) -> SourcePosition {
            guard let leaf = starts.last(where: { $0.offset <= offset }) else { return fallback }
            guard leaf.verbatim else { return leaf.position }
            var position = leaf.position
            position.column += offset - leaf.offset
            return position
        }
    }

    /// Where the leaves of `inlines` start in their plain text without code (as
    /// ``Inline/plainText(_:withCode:)`` makes it) and in the source.
    static func leafStarts(_ inlines: [Inline], from holder: SourcePosition) -> LeafStarts {
        var out = LeafStarts(fallback: holder)
        var text = ""
        Inline.appendPlainText(inlines, withCode: false, to: &text) { leaf, offset, verbatim in
            out.starts.append((offset, leaf.position, verbatim))
        }
        return out
    }

    /// Notes the bracket groups in the text inlines of `inlines` without `@` (``bareBrackets``);
    /// cmark-gfm leaves a bracket that makes no link in the text (escaped ones are not text).
    private mutating func noteBareBrackets(_ inlines: [Inline]) {
        for inline in inlines {
            guard case .text(let s) = inline.kind, ByteScan.contains(s, UInt8(ascii: "[")) else { continue }
            // The string's own bytes (a copy into an array per text cost 1 % of a parse).
            var text = s
            text.withUTF8 { bytes in
                var i = 0
                while i < bytes.count {
                    guard let open = bytes[i...].firstIndex(of: UInt8(ascii: "[")) else { return }
                    var end = open + 1
                    // Nearly every bracket is a citation's: `[@` ends the look at once.
                    while end < bytes.count, end - open <= Self.bareBracketLimit,
                          bytes[end] != UInt8(ascii: "]"), bytes[end] != UInt8(ascii: "["), bytes[end] != UInt8(ascii: "@") {
                        end += 1
                    }
                    guard end < bytes.count, bytes[end] == UInt8(ascii: "]") else {
                        i = end < bytes.count && bytes[end] == UInt8(ascii: "[") ? end : open + 1
                        continue
                    }
                    if end > open + 1 {
                        var position = inline.position
                        position.column += open
                        bareBrackets.append(Located(String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<end]), as: UTF8.self),
                                                    at: position))
                    }
                    i = end + 1
                }
            }
        }
    }

    /// Whether any text of the list (not inside code) holds an `@`.
    private static func hasAt(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            if case .text(let s) = inline.kind { return ByteScan.contains(s, UInt8(ascii: "@")) }
            return false
        }
    }

    /// An inline with citations found inside its children.
    private mutating func recurse(_ inline: Inline) -> Inline {
        switch inline.kind {
        case .emphasis(let c): return Inline(.emphasis(inlines(c)), at: inline.position)
        case .strong(let c): return Inline(.strong(inlines(c)), at: inline.position)
        case .strikethrough(let c): return Inline(.strikethrough(inlines(c)), at: inline.position)
        case .link(let destination, _, let c):
            noteCitations(inLink: inline, destination: destination, text: c, isImage: false)
            return inline
        case .image(let source, _, let alt):
            noteCitations(inLink: inline, destination: source, text: alt, isImage: true)
            return inline
        default: return inline
        }
    }

    /// Scanned bytes turned back into inlines: newlines into soft breaks, placeholders into the
    /// inlines they stand for, the text between them into text inlines.
    private mutating func restore(_ bytes: [UInt8], _ range: Range<Int>, _ originals: [Inline],
                                  _ positionOf: (Int) -> SourcePosition, into out: inout [Inline]) {
        var runStart = range.lowerBound
        var i = range.lowerBound
        func flush(upTo end: Int) {
            if end > runStart {
                out.append(Inline(.text(String(decoding: bytes[runStart..<end], as: UTF8.self)), at: positionOf(runStart)))
            }
        }
        while true {
            // The next newline or placeholder (a byte F3 or above is always a four-byte lead).
            i = ByteScan.firstIndex(in: bytes, from: i, to: range.upperBound, atLeast: 0xF3, or: 0x0A)
            guard i < range.upperBound else { break }
            if bytes[i] == 0x0A {
                flush(upTo: i)
                out.append(Inline(.softBreak, at: positionOf(i)))
                i += 1
                runStart = i
            } else if i + 3 < range.upperBound {
                let value = (UInt32(bytes[i] & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                    | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
                if value >= Self.placeholderBase {
                    flush(upTo: i)
                    out.append(recurse(originals[Int(value - Self.placeholderBase)]))
                    runStart = i + 4
                }
                i += 4
            } else {
                i += 1
            }
        }
        flush(upTo: range.upperBound)
    }

    /// The links and images that the placeholders of `texts` stand for, those inside emphasis too.
    private static func links(in texts: [String], _ originals: [Inline]) -> [Citation.AffixLink] {
        var out: [Citation.AffixLink] = []
        for text in texts where usesPlaceholderRange(text) {
            for scalar in text.unicodeScalars where scalar.value >= placeholderBase {
                Inline.forEach(in: [originals[Int(scalar.value - placeholderBase)]]) { inline in
                    switch inline.kind {
                    case .link(let destination, _, _):
                        out.append(Citation.AffixLink(destination: destination, isImage: false, position: inline.position))
                    case .image(let source, _, _):
                        out.append(Citation.AffixLink(destination: source, isImage: true, position: inline.position))
                    default: break
                    }
                }
            }
        }
        return out
    }

    /// Text with its placeholders replaced by the plain text of the inlines they stand for.
    private static func plain(_ s: String, _ originals: [Inline]) -> String {
        guard usesPlaceholderRange(s) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value >= placeholderBase {
                // Raw HTML as written (it reaches only a citation-malformed message: a group that
                // holds it is reported, so the author sees `[@a<b>c]`, not `[@ac]`).
                let original = originals[Int(scalar.value - placeholderBase)]
                if case .html(let literal) = original.kind { out += literal } else { out += Inline.plainText([original]) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
