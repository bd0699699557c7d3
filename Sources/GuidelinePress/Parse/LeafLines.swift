/// Where the inlines of a leaf block that spans several lines (a wrapped paragraph, a setext
/// heading) sit in its file.
///
/// cmark-gfm parses a paragraph's inlines from its *content*: its lines with their container
/// markers (`>`, a list item's indentation) and leading white space stripped, joined with their
/// newlines. It counts an inline's column from the start of the last line it ended with a line
/// break node (soft or hard), in that content, plus the paragraph's first column. A newline inside
/// a code span, raw HTML or a link's destination or title makes no line break node, so what
/// follows it got the line of the construct's start and a column past that line's end; and a link
/// or image gets the line where it *ends* (`inl->start_line = subj->line` when its `]` closes).
/// Diagnostics pointed at the wrong line of a wrapped paragraph (sixteenth session's probe:
/// `` a `x⏎y` b [@typo] `` reported one line early).
///
/// This follows cmark's count instead: ``lineBreak(in:)`` at each line break node finds the
/// newline it stands for (the first after the last inline met), every other inline's column is
/// read against the start of cmark's current line, and the resulting content offset is mapped back
/// to a file line and column.
struct LeafLines {
    /// The file line of the leaf's first line.
    let firstLine: Int
    /// cmark's column of the leaf's first content byte, less one.
    let blockOffset: Int
    /// Per line of the leaf: the source index where its content starts.
    private var starts: [Int] = []
    /// Per line of the leaf: the source index just past its end (its newline included).
    private var ends: [Int] = []
    /// Per line of the leaf: the content offset of its first content byte.
    private var contentStarts: [Int] = []
    /// The content offset where each of cmark's lines starts (one per line break node met, and
    /// the first line).
    private var breaks: [Int] = [0]
    /// The content offset just past the last inline met (a line break's newline is the first after it).
    var lastEnd = 0

    /// The leaf that starts at `column` of file line `firstLine` and ends on `lastLine`, in
    /// `source` whose lines start at `lineStarts` (file line `lineOffset + 1 + i` at `lineStarts[i]`).
    /// Nil when the lines are not in the source.
    /// cmark's columns count from `cmarkColumn` for the first content byte (`column` unless cmark
    /// lost the leaf's position: see `MarkdownParser`'s tables).
    init?(source: [UInt8], lineStarts: [Int], lineOffset: Int, firstLine: Int, column: Int, lastLine: Int,
          cmarkColumn: Int? = nil) {
        self.firstLine = firstLine
        blockOffset = (cmarkColumn ?? column) - 1
        var content = 0
        for line in firstLine...lastLine {
            let index = line - lineOffset - 1
            guard index >= 0, index < lineStarts.count else { return nil }
            let lineStart = lineStarts[index]
            let end = index + 1 < lineStarts.count ? lineStarts[index + 1] : source.count
            // A later line's content starts after block-quote markers and indentation.
            let start = line == firstLine ? lineStart + column - 1 : Self.contentStart(in: source, from: lineStart, to: end)
            guard start <= end else { return nil }
            starts.append(start)
            ends.append(end)
            contentStarts.append(content)
            content += end - start
        }
    }

    /// The index of the first byte from `start` (before `end`) that is not a block-quote marker or
    /// indentation.
    static func contentStart(in source: [UInt8], from start: Int, to end: Int) -> Int {
        var i = start
        while i < end, source[i] == UInt8(ascii: " ") || source[i] == UInt8(ascii: "\t") || source[i] == UInt8(ascii: ">") { i += 1 }
        return i
    }

    /// The content offset of cmark's `column` on its current line.
    func offset(column: Int) -> Int? {
        let o = breaks[breaks.count - 1] + column - 1 - blockOffset
        return o >= 0 && o <= contentStarts[contentStarts.count - 1] + ends[ends.count - 1] - starts[starts.count - 1] ? o : nil
    }

    /// The content offset just past an inline whose last column, on cmark's current line, is `column`.
    func offset(endColumn column: Int) -> Int? {
        offset(column: column + 1)
    }

    /// The last line whose value in `values` (ascending) is at most `value`, or the first line.
    /// (Binary search: a paragraph can have a hundred thousand lines, each with inlines.)
    private static func lastLine(in values: [Int], atMost value: Int) -> Int {
        var lo = 0, hi = values.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if values[mid] <= value { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The file line and source index of a content offset.
    func location(_ offset: Int) -> (line: Int, index: Int) {
        let k = Self.lastLine(in: contentStarts, atMost: offset)
        return (firstLine + k, starts[k] + offset - contentStarts[k])
    }

    /// The content offset of a source index (the start of its line's content when it lies in a
    /// line's markers or indentation).
    func offset(ofIndex index: Int) -> Int {
        let k = Self.lastLine(in: starts, atMost: index)
        guard index >= starts[k] else { return contentStarts[k] }
        return contentStarts[k] + min(index, ends[k]) - starts[k]
    }

    /// The source index past the leaf's last line.
    var end: Int { ends[ends.count - 1] }

    /// A line break node: it stands for the first newline at or after the last inline's end, and
    /// cmark's next line starts after it, unless the break is a backslash before the newline
    /// (cmark counts no line there: `skip_line_end`, not `handle_newline`). False when there is
    /// no such newline (the count is lost; positions are then cmark's own).
    mutating func lineBreak(in source: [UInt8]) -> Bool {
        let from = location(lastEnd).index
        guard let newline = ByteScan.firstIndex(of: UInt8(ascii: "\n"), in: source, from: from, to: end) else { return false }
        let k = Self.lastLine(in: ends, atMost: newline + 1)
        guard ends[k] == newline + 1, k + 1 < starts.count else { return false }
        var before = newline - 1
        if before >= 0, source[before] == UInt8(ascii: "\r") { before -= 1 }
        if before < 0 || source[before] != UInt8(ascii: "\\") {
            breaks.append(contentStarts[k + 1])
        }
        lastEnd = contentStarts[k + 1]
        return true
    }
}
