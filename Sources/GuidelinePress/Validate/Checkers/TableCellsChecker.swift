/// `table-cells` (an extension of the contract): a table row with more cells than its header, or a
/// table too large to lay out (``TableLimit``).
/// GFM shows as many cells as the header has and drops the rest without a word, so a dose or a
/// condition written in an extra cell would be missing from the page (see ``TableRowCells``).
public struct TableCellsChecker: BlockChecker {
    public var rule: Rule { .tableCells }

    public func checkBody(_ article: Article) -> [Diagnostic] {
        // Tables too large to lay out were made text before parsing (``TableLimit``); a plain
        // page's are reported when it is parsed.
        article.oversizedTables.map {
            Diagnostic(file: article.file.displayPath, at: $0.position, rule: rule, message: $0.value)
        } + check(article.blocks, file: article.file.displayPath)
    }

    public func check(_ blocks: [Block], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        Block.forEach(in: blocks) { block in
            guard case .table(let table) = block.kind else { return }
            let columns = table.header.cells.count
            for row in table.rows {
                guard let dropped = row.dropped else { continue }
                let shown = dropped.value.count > 60 ? dropped.value.prefix(57) + "…" : Substring(dropped.value)
                out.append(Diagnostic(file: file, at: dropped.position, rule: rule,
                    message: "this row has more cells than the table's header (\(columns)): '\(shown)' would not be shown; "
                        + "add a header cell, or write a pipe inside a cell as '\\|'"))
            }
        }
        return out
    }
}
