/// The largest table the parser lays out.
///
/// cmark-gfm gives every row of a table as many cells as its header has, so a header of
/// thousands of cells over as many one-cell rows makes a tree that grows with the square of the
/// text: an 84 KB table of 4,000 columns took 5–15 s and 3.3–4.5 GB (a probe; later cmark-gfm
/// releases cap padded cells for the same reason, Debian's does not). Before cmark-gfm sees a body,
/// the delimiter row (`|---|---|`) of a table past ``maximumColumns`` or ``maximumCells`` is made
/// plain text by turning its `-` into `x` (same length, so every position stays), and
/// `table-cells` reports it. A clinical table has a handful of columns and tens of rows.
enum TableLimit {
    /// The most columns a table may have.
    static let maximumColumns = 128
    /// The most cells (columns × rows, header and delimiter rows aside) a table may have.
    static let maximumCells = 100_000

    /// A table shown as text because it is past the limits.
    struct Oversized: Sendable, Hashable {
        /// The 0-based line of its delimiter row in the body.
        var line: Int
        var columns: Int
        /// Its rows, counted up to the first blank line (or until past the limit).
        var rows: Int

        /// The finding's message.
        var message: String {
            "a table of \(columns) columns and \(rows)\(columns * rows > TableLimit.maximumCells ? " or more" : "") rows is "
                + "larger than a page can show (at most \(TableLimit.maximumColumns) columns and "
                + "\(TableLimit.maximumCells) cells): it is shown as text; split it into smaller tables"
        }
    }

    /// Makes the delimiter rows of oversized tables in `bytes` plain text, and says which.
    static func neutralize(_ bytes: inout [UInt8]) -> [Oversized] {
        let pipe = UInt8(ascii: "|"), newline = UInt8(ascii: "\n")
        var found: [Oversized] = []
        var from = 0
        while let at = ByteScan.firstIndex(of: pipe, in: bytes, from: from) {
            let start = lineStart(bytes, at)
            let end = ByteScan.firstIndex(of: newline, in: bytes, from: at) ?? bytes.count
            from = end + 1
            guard let columns = delimiterColumns(bytes, start, end), columns >= 2,
                  start > 0, headerCells(bytes, before: start) == columns else { continue }
            var rows = 0
            var lineStart = end + 1
            while lineStart < bytes.count, columns * rows <= maximumCells {
                let lineEnd = ByteScan.firstIndex(of: newline, in: bytes, from: lineStart) ?? bytes.count
                guard bytes[lineStart..<lineEnd].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { break }
                rows += 1
                lineStart = lineEnd + 1
            }
            // Its rows are the table's, not the delimiter rows of new tables: the search goes on
            // after them (from each row again, a file of 60,000 `|-|-|` lines took 8 s).
            from = max(from, lineStart)
            guard columns > maximumColumns || columns * rows > maximumCells else { continue }
            for i in start..<end where bytes[i] == UInt8(ascii: "-") { bytes[i] = UInt8(ascii: "x") }
            found.append(Oversized(line: bytes[..<start].reduce(0) { $1 == newline ? $0 + 1 : $0 }, columns: columns, rows: rows))
        }
        return found
    }

    /// The number of cells of the line `bytes[start..<end]` when it is a table's delimiter row
    /// (`| --- | :-: |`, pipes at the ends optional), else `nil`. Block-quote markers and any
    /// indentation before it are passed over: a table in a quote or a list item is a table too (a
    /// probe's 4,000-column table inside `>` took 3.5 GB). An indented code block's line is taken
    /// too: a code example of a table past the limits is reported, which no real one is.
    static func delimiterColumns(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = pastContainerMarkers(bytes, start, end), j = end
        while j > i, bytes[j - 1] == 0x20 || bytes[j - 1] == 0x09 || bytes[j - 1] == 0x0D { j -= 1 }
        if i < j, bytes[i] == UInt8(ascii: "|") { i += 1 }
        if j > i, bytes[j - 1] == UInt8(ascii: "|") { j -= 1 }
        guard i < j else { return nil }
        var columns = 1
        var dashes = 0, colonsDone = false, inCell = false
        for k in i..<j {
            switch bytes[k] {
            case UInt8(ascii: "|"):
                guard dashes > 0 else { return nil }
                columns += 1
                dashes = 0; colonsDone = false; inCell = false
            case UInt8(ascii: "-"):
                guard !colonsDone else { return nil }
                dashes += 1; inCell = true
            case UInt8(ascii: ":"):
                // A colon before the dashes, or one after them that ends the cell.
                if dashes > 0 { colonsDone = true } else if inCell { return nil }
                inCell = true
            case 0x20, 0x09:
                if dashes > 0 { colonsDone = true }
            default:
                return nil
            }
        }
        return dashes > 0 ? columns : nil
    }

    /// The cells of the line before the one at `lineStart` (a table's header row, as cmark-gfm
    /// splits it), past block-quote markers, indentation and a list item's marker: cmark-gfm makes
    /// a table only when the header has as many cells as the delimiter row.
    static func headerCells(_ bytes: [UInt8], before lineStart: Int) -> Int {
        let end = lineStart - 1
        var i = pastContainerMarkers(bytes, Self.lineStart(bytes, end), end)
        // A list item's marker: `-`, `*`, `+`, or digits and `.` or `)`, then a space.
        var k = i
        while k < end, bytes[k] >= 0x30, bytes[k] <= 0x39 { k += 1 }
        let ordered = k > i && k < end && (bytes[k] == UInt8(ascii: ".") || bytes[k] == UInt8(ascii: ")"))
        let bullet = k == i && i < end && [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(bytes[i])
        if ordered || bullet {
            let after = (ordered ? k : i) + 1
            if after < end, bytes[after] == 0x20 || bytes[after] == 0x09 { i = after }
        }
        return TableRowCells.cells(in: bytes, from: i, to: end).count
    }

    /// Where the line holding `index` starts.
    private static func lineStart(_ bytes: [UInt8], _ index: Int) -> Int {
        var start = index
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return start
    }

    /// The first byte of `bytes[start..<end]` past indentation and block-quote markers (`>`).
    private static func pastContainerMarkers(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == UInt8(ascii: ">") { i += 1 }
        return i
    }
}
