import Foundation
import Testing
@testable import GuidelinePress

/// ``TableRowCells`` splits a row as cmark-gfm does, and the cells beyond the header are reported
/// (`table-cells`): GFM drops them without a word.
@Suite struct TableRowCellsTests {
    static func count(_ row: String) -> Int {
        let bytes = Array(row.utf8)
        return TableRowCells.cells(in: bytes, from: 0, to: bytes.count).count
    }

    @Test func cellsOfWrittenRows() {
        #expect(Self.count("| a | b |") == 2)
        #expect(Self.count("a | b") == 2)
        #expect(Self.count("| a | b | c |   \n") == 3)
        #expect(Self.count("| a \\| b | c |") == 2)  // an escaped pipe is text
        #expect(Self.count("| `a|b` | c |") == 3)   // a code span does not protect a pipe
        #expect(Self.count("| a || c |") == 3)      // an empty cell counts
        #expect(Self.count("| a \\\\| b |") == 1)   // `\\|`: the pipe is still escaped for the row
        #expect(Self.count("|") == 0)
    }

    /// Against cmark-gfm itself: under a header wider than any row, cmark keeps every cell, so the
    /// last non-empty cell it gives is the row's last (each generated row ends with a letter).
    @Test func cellsAsCmarkGFMSplitsThem() throws {
        var generator = SeededGenerator(seed: 17)
        let pieces = ["a", "b", " ", "  ", "|", "\\|", "\\", "`", "``", "x|y", "\\\\", "\t", "é", ":"]
        let header = "|" + String(repeating: " h |", count: 40) + "\n|" + String(repeating: "---|", count: 40) + "\n"
        for _ in 0..<2_000 {
            var row = Bool.random(using: &generator) ? "| " : ""
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                row += pieces.randomElement(using: &generator)!
            }
            row += "z" + (Bool.random(using: &generator) ? " |" : "")
            let blocks = MarkdownParser.parse(header + row + "\n").blocks
            // A row indented as code (a tab or four spaces first) is no row: nothing to compare.
            guard case .table(let table) = try #require(blocks.first).kind, let parsed = table.rows.first else { continue }
            let lastFilled = parsed.cells.lastIndex { !Inline.plainText($0, withCode: true).isEmpty }.map { $0 + 1 } ?? 0
            #expect(Self.count(row) == lastFilled, "\(row.debugDescription)")
        }
    }

    @Test func rowsWithMoreCellsThanTheHeaderAreReported() throws {
        let article = SiteFixture.article("Which dose?", body: """
            | Drug | Dose |
            |---|---|
            | Trastuzumab [@smith2020] | 8 mg/kg | then 6 mg/kg every 3 weeks |
            | Pertuzumab [@smith2020] | 840 mg \\| then 420 mg |

            > | A | B |
            > |---|---|
            > | a [@smith2020] | b | c | d |

            """)
        var site = TestContent.minimalSite(article: article)
        site["pages/about.md"] = "---\ntitle: About\n---\n\n| A |\n|---|\n| a | b |\n"
        let folder = try TestContent.Folder(site)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .tableCells }
        try #require(found.map(\.line) == [9, 14, 7], "\(found)")
        #expect(found.map(\.column) == [40, 26, 7])
        #expect(found[0].message.contains("'then 6 mg/kg every 3 weeks' would not be shown"))
        #expect(found[1].message.contains("'c | d'"))
        #expect(found[2].file.hasSuffix("pages/about.md"))
        #expect(found.allSatisfy { $0.severity == .error })
    }
}
