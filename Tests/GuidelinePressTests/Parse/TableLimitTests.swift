import Testing
@testable import GuidelinePress

/// Tables past ``TableLimit`` are shown as text and reported: cmark-gfm pads every row to the
/// header's width, so a wide header over many short rows grew with the square of the text (an
/// 84 KB table took 3.3–4.5 GB in a probe).
@Suite struct TableLimitTests {
    @Test func delimiterRows() {
        func columns(_ line: String) -> Int? {
            let bytes = Array(line.utf8)
            return TableLimit.delimiterColumns(bytes, 0, bytes.count)
        }
        #expect(columns("|---|---|") == 2)
        #expect(columns("| :--- | :---: | ---: |") == 3)
        #expect(columns("---|---") == 2)
        #expect(columns("   |-|-|-|\r") == 3)
        #expect(columns("---") == 1)
        #expect(columns("    |---|---|") == 2)
        #expect(columns("> > |---|---|") == 2)
        for line in ["| a | b |", "|---| |", "|- -|---|", "|::-|---|", "|", "", "|-:-|---|"] {
            #expect(columns(line) == nil, "\(line)")
        }
    }

    static func table(columns: Int, rows: Int, cited: Bool = true) -> String {
        let header = "|" + (0..<columns).map { "h\($0)" }.joined(separator: "|") + "|"
        let delimiter = "|" + Array(repeating: "---", count: columns).joined(separator: "|") + "|"
        let body = (0..<rows).map { "| r\($0)\(cited ? " [@smith2020]" : "") |" }
        return ([header, delimiter] + body).joined(separator: "\n") + "\n"
    }

    @Test func tablesWithinTheLimitsAreLeftAlone() {
        let text = "Intro. [@a]\n\n" + Self.table(columns: TableLimit.maximumColumns, rows: 3)
            + "\n" + Self.table(columns: 10, rows: TableLimit.maximumCells / 10)
        var bytes = Array(text.utf8)
        #expect(TableLimit.neutralize(&bytes).isEmpty)
        #expect(bytes == Array(text.utf8))
        let result = MarkdownParser.parse(text)
        #expect(result.oversizedTables.isEmpty)
        #expect(result.blocks.filter { if case .table = $0.kind { true } else { false } }.count == 2)
    }

    @Test func tablesPastTheLimitsAreText() throws {
        let wide = Self.table(columns: TableLimit.maximumColumns + 1, rows: 2)
        let long = Self.table(columns: 10, rows: TableLimit.maximumCells / 10 + 1)
        let text = "Intro. [@a]\n\n" + wide + "\n" + long
        let result = MarkdownParser.parse(text, lineOffset: 5)
        #expect(!result.blocks.contains { if case .table = $0.kind { true } else { false } })
        #expect(result.oversizedTables.map(\.position) == [SourcePosition(line: 9, column: 1), SourcePosition(line: 14, column: 1)])
        #expect(result.oversizedTables.first?.value
                == "a table of 129 columns and 2 rows is larger than a page can show (at most 128 columns and 100000 cells): "
                + "it is shown as text; split it into smaller tables")
        #expect(result.oversizedTables.last?.value.hasPrefix("a table of 10 columns and 10001 or more rows") == true)
        // Same length: the text after the table keeps its positions.
        let after = MarkdownParser.parse(text + "\nAfter.\n", lineOffset: 5).blocks.last
        #expect(after?.position == SourcePosition(line: 10_017, column: 1))
    }

    /// A table's rows are not read as the delimiter rows of new tables, even when they look like
    /// one (`|-|-|`): each line is looked at once (from every row again, 60,000 such lines took 8 s).
    @Test func rowsAreNotNewTables() {
        let rows = TableLimit.maximumCells / 2 + 10_000
        var bytes = Array(("| a | b |\n" + String(repeating: "|-|-|\n", count: rows)).utf8)
        let found = TableLimit.neutralize(&bytes)
        #expect(found.map(\.line) == [1], "\(found.prefix(3))")
    }

    /// Tables in a block quote or a list item are tables too (a probe's 4,000-column table inside
    /// `>` took 3.5 GB); a delimiter-like row under a line of another width makes no table.
    @Test func tablesInContainersAndTheirHeaders() throws {
        let wide = Self.table(columns: TableLimit.maximumColumns + 1, rows: 2)
        let quoted = wide.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n") + "\n"
        let listed = "- " + wide.split(separator: "\n").joined(separator: "\n  ") + "\n"
        for text in [quoted, listed] {
            let result = MarkdownParser.parse("Intro. [@a]\n\n" + text)
            #expect(result.oversizedTables.map(\.position.line) == [4], "\(text.prefix(40))")
            var tables = 0
            Block.forEach(in: result.blocks) { if case .table = $0.kind { tables += 1 } }
            #expect(tables == 0)
        }
        let headerOfAnotherWidth = "| a | b |\n|" + String(repeating: "---|", count: TableLimit.maximumColumns + 1) + "\n"
        #expect(MarkdownParser.parse(headerOfAnotherWidth).oversizedTables.isEmpty)
    }

    /// The finding is `table-cells`, in an article and in a plain page, at the delimiter row.
    @Test func reportedAsTableCells() throws {
        var site = TestContent.minimalSite(article: SiteFixture.article("Which dose?", body: "Intro. [@smith2020]\n\n"
            + Self.table(columns: 200, rows: 200)))
        site["pages/about.md"] = "---\ntitle: About\n---\n\n" + Self.table(columns: 300, rows: 1, cited: false)
        let folder = try TestContent.Folder(site)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .tableCells }
        #expect(found.map(\.line) == [10, 6], "\(found)")
        #expect(found.first?.file.hasSuffix("articles/test.md") == true)
        #expect(found.last?.file.hasSuffix("pages/about.md") == true)
        #expect(found.allSatisfy { $0.severity == .error && $0.message.contains("shown as text") })
    }
}
