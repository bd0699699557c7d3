import Testing
@testable import GuidelinePress

@Suite struct MarkdownParserTests {
    @Test func blockPositionsAreShiftedByTheFrontMatter() throws {
        let result = MarkdownParser.parse("Summary line.\n\n## First line\n\n- item one\n- item two\n", lineOffset: 5)
        #expect(result.blocks.count == 3)
        #expect(result.blocks[0].position == SourcePosition(line: 6, column: 1))
        #expect(result.blocks[1].position.line == 8)
        guard case .list(let list) = result.blocks[2].kind else { Issue.record("not a list"); return }
        #expect(list.items.count == 2)
        #expect(list.items[1].position.line == 11)
    }

    @Test func inlinePositionsPointIntoTheLine() throws {
        let result = MarkdownParser.parse("Hello *world* and `code`\nsecond line text\n")
        guard case .paragraph(let inlines) = result.blocks[0].kind else { Issue.record("not a paragraph"); return }
        let positions = inlines.map(\.position)
        #expect(positions.first == SourcePosition(line: 1, column: 1))
        #expect(inlines.contains { if case .emphasis = $0.kind { $0.position == SourcePosition(line: 1, column: 7) } else { false } })
        #expect(inlines.last?.position == SourcePosition(line: 2, column: 1))
    }

    /// cmark-gfm's table of special characters is global (github/cmark-gfm PR #176): parsers on
    /// several threads cleared `~` under each other, and `~~struck~~` text stayed plain in some
    /// builds (fourteenth session). Thousands of parses on every core each find their strikethrough.
    @Test func strikethroughIsFoundWhenParsingOnEveryCore() {
        let text = "| a | b |\n|---|---|\n| ~~x~~ | y |\n| z | ~~w~~ |\n\n"
            + (0..<20).map { "Paragraph \($0) with ~~withdrawn advice~~ and more text.\n" }.joined(separator: "\n")
        @Sendable func struck(_ blocks: [Block]) -> Int {
            var count = 0
            func visit(_ inlines: [Inline]) {
                for inline in inlines {
                    switch inline.kind {
                    case .strikethrough(let c): count += 1; visit(c)
                    case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c): visit(c)
                    default: break
                    }
                }
            }
            for block in blocks {
                switch block.kind {
                case .paragraph(let inlines): visit(inlines)
                case .table(let table): (table.header.cells + table.rows.flatMap(\.cells)).forEach(visit)
                default: break
                }
            }
            return count
        }
        let expected = struck(MarkdownParser.parse(text).blocks)
        #expect(expected == 22)
        let counts = ConcurrentMap.map(Array(0..<3_000)) { _ in struck(MarkdownParser.parse(text).blocks) }
        #expect(counts.allSatisfy { $0 == expected }, "\(counts.filter { $0 != expected }.count) parses lost a strikethrough")
    }

    @Test func tablesAreParsedWithTheExtensionRegistered() throws {
        let result = MarkdownParser.parse("| Drug | Dose |\n|:--|--:|\n| lapatinib | 1,250 mg |\n")
        guard case .table(let table) = result.blocks.first?.kind else { Issue.record("table rendered as \(result.blocks)"); return }
        #expect(table.alignments == [.left, .right])
        #expect(table.rows.count == 1)
        #expect(table.rows[0].position.line == 3)
        #expect(Inline.plainText(table.rows[0].cells[1]) == "1,250 mg")
    }

    @Test func deepNestingIsFlattenedNotRecursed() throws {
        let text = String(repeating: ">", count: 20_000) + " deep\n" + String(repeating: "- ", count: 5_000) + "x\n"
        let result = MarkdownParser.parse(text)
        #expect(!result.tooDeep.isEmpty)
        #expect(!result.blocks.isEmpty)
    }
}

@Suite struct CitationExtractionTests {
    func citations(_ markdown: String) -> [Citation] {
        var extraction = CitationExtraction()
        let blocks = extraction.blocks(MarkdownParser.parse(markdown).blocks)
        guard case .paragraph(let inlines) = blocks.first?.kind else { return [] }
        var out: [Citation] = []
        func walk(_ list: [Inline]) {
            for inline in list {
                switch inline.kind {
                case .citation(let c): out.append(c)
                case .emphasis(let c), .strong(let c): walk(c)
                default: break
                }
            }
        }
        walk(inlines)
        return out
    }

    @Test func formattingInsideABracketGroupKeepsItOneCitation() {
        let suffix = citations("Claim [@a2020, p. 3, *passim*].")
        #expect(suffix.count == 1)
        #expect(suffix.first?.bracketed == true)
        #expect(suffix.first?.items.first?.suffix == "p. 3, passim")
        let prefix = citations("Claim [*see* @b2021; `also` @a2020].")
        #expect(prefix.first?.items.map(\.key) == ["b2021", "a2020"])
        #expect(prefix.first?.items.first?.prefix == "see")
        #expect(prefix.first?.items.last?.prefix == "also")
    }

    @Test func citationsInsideEmphasisAndNotInCode() {
        #expect(citations("*Emphasised claim [@a2020].*").map { $0.items[0].key } == ["a2020"])
        #expect(citations("Code `[@a2020]` only.").isEmpty)
        #expect(citations("Mail board@example.org only.").isEmpty)
    }

    @Test func positionsSurviveFormattingBeforeTheCitation() {
        let found = citations("Some *emphasis* and **more** text [@a2020].")
        #expect(found.first?.items.first?.position == SourcePosition(line: 1, column: 36))
    }

    /// The parser says whether a body holds raw HTML, so that the html-raw check can skip the
    /// walk; it must never say no when there is some.
    @Test func saysWhetherTheBodyHoldsHTML() {
        #expect(!MarkdownParser.parse("Text, *emphasis*, `<code>` and a [link](a.md).\n\n    <indented code>\n").holdsHTML)
        #expect(MarkdownParser.parse("Text with <b>inline</b> HTML.\n").holdsHTML)
        #expect(MarkdownParser.parse("> - nested <!-- a comment -->\n").holdsHTML)
        #expect(MarkdownParser.parse("<div>\nblock\n</div>\n").holdsHTML)
        let article = TestContent.article("---\nquestion: Q?\n---\n\nText <span>x</span>. [@a]\n")
        #expect(article.mayHoldHTML)
        #expect(HTMLRawChecker().checkBody(article).count == 2)  // the opening and closing tags
        #expect(!TestContent.article("---\nquestion: Q?\n---\n\nText. [@a]\n").mayHoldHTML)
    }
}
