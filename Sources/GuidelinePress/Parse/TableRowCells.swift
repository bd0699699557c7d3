/// The cells of a table row as cmark-gfm's table extension splits its line, so that the cells it
/// drops can be reported: GFM keeps as many cells as the header has and silently ignores the rest
/// (`| Trastuzumab | 8 mg/kg | then 6 mg/kg every 3 weeks |` under a two-column header lost its
/// maintenance dose without a word; hostile-input probe, seventeenth session).
///
/// The split follows `row_from_string` in cmark-gfm's `table.c` and its scanners: an optional
/// leading `|`, then cells that run to the next `|` that is not escaped as `\|` (a pipe inside a
/// code span splits the cell too), each `|` taking the spaces after it; a last `|` opens no cell.
enum TableRowCells {
    /// The byte ranges of the cells (as written, untrimmed) of the row whose line is
    /// `source[start..<end]`, `start` past its container markers (`>`).
    static func cells(in source: [UInt8], from start: Int, to end: Int) -> [Range<Int>] {
        var lineEnd = end
        while lineEnd > start, source[lineEnd - 1] == UInt8(ascii: "\n") || source[lineEnd - 1] == UInt8(ascii: "\r") {
            lineEnd -= 1
        }
        let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\")
        func skipPipe(_ i: Int) -> Int {
            guard i < lineEnd, source[i] == pipe else { return i }
            var j = i + 1
            while j < lineEnd, isSpace(source[j]) { j += 1 }
            return j
        }
        var cells: [Range<Int>] = []
        var i = start
        while i < lineEnd, isSpace(source[i]) { i += 1 }  // cmark splits from the first non-space
        i = skipPipe(i)
        while i < lineEnd {
            var j = i
            while j < lineEnd, source[j] != pipe, source[j] != 0 {
                j += source[j] == backslash && j + 1 < lineEnd && source[j + 1] == pipe ? 2 : 1
            }
            let next = skipPipe(j)
            if j == i && next == j { break }  // neither a cell nor a pipe (a NUL byte): the row ends
            cells.append(i..<j)
            i = next
        }
        return cells
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == 0x0B || b == 0x0C
    }
}
