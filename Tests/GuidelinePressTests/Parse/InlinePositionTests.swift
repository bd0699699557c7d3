import Testing
@testable import GuidelinePress

/// Citation (and so every inline) positions on every kind of line, front matter included.
@Suite struct InlinePositionTests {
    /// `[@kN]` placed in many contexts; each expected position is the `@`, counted by hand.
    static let body = """
        ---
        question: Where?
        status: submitted
        updated: 2025-06-01
        ---

        Summary line one
        continues here [@k1] and
          indented [@k2].

        - Item first line
          continuation [@k3]
          - nested item [@k4]
            nested cont [@k5]

        > Quote line [@k6]
        > second line [@k7]
        continued lazily [@k8]

        1. Ordered [@k9]

           Second para in item [@k10]

        | a | b [@k11] |
        |---|---|
        | x | y [@k12] |

        *Emph [@k13]* and **strong
          across lines [@k14]**

        > - quoted list [@k15]
        >   cont [@k16]

        \tTab [@k17] is code, not a citation
        Ünïcödé [@k18]

           Indented first line [@k19]
        """

    @Test func citationPositionsMatchTheSource() {
        let article = TestContent.article(Self.body)
        let items = TestContent.citationItems(article.blocks)
        var found: [String: SourcePosition] = [:]
        for item in items { found[item.key] = item.position }
        let expected: [String: (Int, Int)] = [
            "k1": (8, 17), "k2": (9, 13), "k3": (12, 17), "k4": (13, 18), "k5": (14, 18),
            "k6": (16, 15), "k7": (17, 16), "k8": (18, 19), "k9": (20, 13), "k10": (22, 25),
            "k11": (24, 10), "k12": (26, 10), "k13": (28, 8), "k14": (29, 17), "k15": (31, 18),
            "k16": (32, 11), "k18": (35, 14), "k19": (37, 25),
        ]
        for (key, (line, column)) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(found[key] == SourcePosition(line: line, column: column), "\(key)")
        }
        #expect(found["k17"] == nil, "an indented line after a blank line is a code block")
    }

    /// Text holding scalars just below and inside the placeholder range (U+F0000 and up, where
    /// Nerd-font and Obsidian icons are): citations are found as usual, at their columns, and the
    /// text is kept. Inside the range the paragraph had been left unread, its citation lost (a
    /// probe of real clinical notes: "list item has no citation" on a line that had one).
    @Test func textNearThePlaceholderRange() {
        for scalar in ["\u{EFFFF}", "\u{F0000}", "\u{F0001}", "\u{10FFFD}"] {
            let article = TestContent.article("---\nquestion: Q?\n---\n\nA \(scalar) *x* [@k1, p. \(scalar)3].\n\n- \(scalar)\(scalar) [@k2]\n")
            let items = TestContent.citationItems(article.blocks)
            #expect(items.map(\.key) == ["k1", "k2"], "\(scalar.unicodeScalars.first!.value)")
            #expect(items.map(\.position) == [SourcePosition(line: 5, column: 13), SourcePosition(line: 7, column: 13)])
            #expect(items.first?.suffix == "p. \(scalar)3")
            guard case .paragraph(let inlines) = article.blocks.first?.kind else {
                Issue.record("no paragraph"); continue
            }
            #expect(Inline.plainText(inlines).hasPrefix("A \(scalar) x "))
        }
    }

    /// The inlines around citations: text between placeholders and line breaks stays one text
    /// inline, also when it holds a four-byte scalar just below the placeholder range.
    @Test func textAroundCitationsStaysWhole() {
        let article = TestContent.article("---\nquestion: Q?\n---\n\nA \u{EFFFF} b *x* [@k1] c\nd [e] @k2.\n")
        guard case .paragraph(let inlines) = article.blocks.first?.kind else {
            Issue.record("no paragraph"); return
        }
        let shapes = inlines.map { inline -> String in
            switch inline.kind {
            case .text(let s): "text(\(s))"
            case .emphasis: "emphasis"
            case .citation(let c): "citation(\(c.items.map(\.key)))"
            case .softBreak: "softBreak"
            default: "other"
            }
        }
        #expect(shapes == ["text(A \u{EFFFF} b )", "emphasis", "text( )", "citation([\"k1\"])", "text( c)", "softBreak",
                           "text(d [e] )", "citation([\"k2\"])", "text(.)"])
        // (A soft break takes the position of the text before it.)
        #expect(inlines.filter { $0.kind != .softBreak }.map(\.position.column) == [1, 10, 13, 14, 19, 1, 7, 10])
    }

    @Test func linksOnContinuationLinesPointAtTheirBracket() {
        let article = TestContent.article("---\nquestion: Q?\n---\n\nFirst line\n    [a link](x.md) here [@k]\n")
        let outline = ArticleOutline(blocks: article.blocks)
        #expect(outline.links.first?.position == SourcePosition(line: 6, column: 5))
        #expect(TestContent.citationItems(article.blocks).first?.position == SourcePosition(line: 6, column: 26))
    }

    /// Wrapped paragraphs whose lines cmark miscounts (a newline inside a code span, raw HTML or a
    /// link's destination or title makes no line break node, and a link gets the line it ends on),
    /// text that cmark joins around escapes and entities, and paragraph lines above a table (which
    /// cmark-gfm's table extension leaves at line 0). Each `@kN` is expected where it is written:
    /// its line and byte column, found in the text itself.
    static let miscounted = """
        ---
        question: Where?
        ---

        Escapes \\*not\\* &amp; &#42; &nosuch; &NotEqualTilde; here [@k1] and a [multi
        line link](x.md) then [@k2] and `code` [@k3].

        A `x
        y` b [@k4] <span
        x="1"> c [@k5] [x
        y](https://e.org "t
        t") d [@k6] ![i
        j](https://e.org/i.png) e [@k7]

        - item [@k8]
          second `a
          b` [@k9] and [a
          link](x.md) [@k10]
        lazy [@k11]

        > quote *em
        > ph* [@k12] hard\\
        > break [@k13] two spaces\u{20}\u{20}
        > then [@k14] 🎉 &eacute; [@k15]

        Setext heading [@k16] with `code
        across` lines [@k17]
        ---------

        Deep [x](w.md) [links
        [inside](x.md) text](z.md) [@k18]

        > Regimens [@k19] for
        > late disease [@k20]:
        > | Drug | Dose [@k21] |
        > |---|---|
        > | a | b [@k22] |

        Alone [@k23]
        | Drug [@k24] |
        |:-:|
        """

    @Test func positionsAfterWhatCmarkMiscounts() {
        let article = TestContent.article(Self.miscounted)
        var found: [String: SourcePosition] = [:]
        for item in TestContent.citationItems(article.blocks) { found[item.key] = item.position }
        let lines = Self.miscounted.split(separator: "\n", omittingEmptySubsequences: false)
        for n in 1...24 {
            let key = "k\(n)"
            guard let index = lines.firstIndex(where: { $0.contains("[@\(key)]") }),
                  let range = lines[index].range(of: "@\(key)]") else { Issue.record("\(key) not in the text"); continue }
            let column = lines[index].utf8.distance(from: lines[index].startIndex, to: range.lowerBound) + 1
            #expect(found[key] == SourcePosition(line: index + 1, column: column), "\(key)")
        }
        // Blocks too: the paragraph above a table (claim-uncited is reported at it) is where it starts.
        var paragraphs: [SourcePosition] = []
        Block.forEach(in: article.blocks) { if case .paragraph = $0.kind { paragraphs.append($0.position) } }
        #expect(paragraphs.allSatisfy { $0.line >= 5 }, "\(paragraphs)")
        for (opening, column) in [("> Regimens", 3), ("Alone", 1)] {
            guard let index = lines.firstIndex(where: { $0.hasPrefix(opening) }) else { Issue.record("\(opening)?"); continue }
            #expect(paragraphs.contains(SourcePosition(line: index + 1, column: column)), "\(opening): \(paragraphs)")
        }
        // Links at their `[` on the line where they start.
        let links = ArticleOutline(blocks: article.blocks).links.map(\.position)
        for opening in ["[multi", "[a"] {
            guard let index = lines.firstIndex(where: { $0.hasSuffix(opening) }) else { Issue.record("\(opening)?"); continue }
            let column = lines[index].utf8.count - opening.utf8.count + 1
            #expect(links.contains(SourcePosition(line: index + 1, column: column)), "\(opening): \(links)")
        }
        // A link inside a link's text is the link (CommonMark): `[links` stays text.
        if let index = lines.firstIndex(where: { $0.hasPrefix("[inside") }) {
            #expect(links.contains(SourcePosition(line: index + 1, column: 1)), "\(links)")
            let outer = lines[index - 1].utf8.count - "[links".utf8.count + 1
            #expect(!links.contains(SourcePosition(line: index, column: outer)), "\(links)")
        }
    }

    /// A paragraph of a hundred thousand lines, each with a code span and a citation: every line
    /// is found by binary search (a first version walked the lines back from the last for every
    /// inline, and took minutes).
    @Test func aParagraphOfAHundredThousandLines() {
        let lines = 100_000
        let text = (0..<lines).map { "w\($0) `c` [@k\($0 % 10)]\n" }.joined()
        let items = TestContent.citationItems(MarkdownParser.parse(text).blocks.map {
            var extraction = CitationExtraction()
            return extraction.block($0)
        })
        #expect(items.count == lines)
        #expect(items.last?.position == SourcePosition(line: lines, column: "w\(lines - 1) `c` [".utf8.count + 1))
    }

    /// Hostile mixtures of the constructs that cmark miscounts: every inline's position is on a
    /// line of the text and inside it (or just past its end), and the text is kept.
    @Test func positionsStayInsideTheirLinesWhateverTheMarkup() {
        let pieces = ["a", "word ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "`", "``", "[", "]", "](x.md)", "](u \"t\n\")",
                      "<b>", "<span\nx>", "\\", "\\\n", "&amp;", "&#42;", "&#x1F600;", "&nosuch;", "&", "*", "_", "~~",
                      "> ", "- ", "1. ", "    ", "[@k]", "@k", "!", "|", "---\n", "é", "🎉", ";"]
        var generator = SeededGenerator(seed: 15)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            func check(_ inlines: [Inline]) {
                for inline in inlines {
                    if inline.kind != .softBreak && inline.kind != .lineBreak {
                        let p = inline.position
                        #expect(p.line >= 1 && p.line <= lines.count && p.column >= 1 && p.column <= lines[p.line - 1].count + 1,
                                "\(p) in \(text.debugDescription)")
                    }
                    switch inline.kind {
                    case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): check(c)
                    default: break
                    }
                }
            }
            func visit(_ blocks: [Block]) {
                for block in blocks {
                    switch block.kind {
                    case .paragraph(let inlines), .heading(_, let inlines): check(inlines)
                    case .blockQuote(let children): visit(children)
                    case .list(let list): list.items.forEach { visit($0.blocks) }
                    case .table(let table): (table.header.cells + table.rows.flatMap(\.cells)).forEach(check)
                    default: break
                    }
                }
            }
            visit(MarkdownParser.parse(text).blocks)
        }
    }

    @Test func crlfAndByteOrderMarkKeepPositions() throws {
        let text = "\u{FEFF}---\r\nquestion: Q?\r\nstatus: draft\r\n---\r\n\r\nText\r\n  more [@k]\r\n"
        let decoded = try #require(SourceText.decode(Array(text.utf8)))
        let article = TestContent.article(decoded)
        #expect(article.frontMatter.invalid.first?.position == SourcePosition(line: 3, column: 9))
        #expect(TestContent.citationItems(article.blocks).first?.position == SourcePosition(line: 7, column: 9))
    }
}

/// YAML positions: the YAML's own line in the file, and columns in UTF-8 bytes as for Markdown.
@Suite struct YAMLPositionTests {
    @Test func faultsAndValuesAreAtTheirLineWithByteColumns() {
        let fault = TestContent.article("---\nquestion: \"Été ou hiver?\" extra\nstatus: submitted\n---\n\nText.\n")
        guard case .syntax(let f) = fault.frontMatterProblem else { Issue.record("no syntax fault"); return }
        // `extra` starts at character 27 but byte 29: É and é take two bytes each.
        #expect(f.position == SourcePosition(line: 2, column: 29))

        let values = TestContent.article("---\nquestion: Été?\nstatus: submitted\nrelated: [été, alpha]\n---\n")
        // `alpha` is character 17 but byte 18.
        #expect(values.frontMatter.related.map(\.position)
                == [SourcePosition(line: 4, column: 11), SourcePosition(line: 4, column: 18)])
        #expect(values.frontMatter.status?.position == SourcePosition(line: 3, column: 9))
    }

    @Test func byteColumnsCountEveryScalar() {
        let columns = YAMLDocument.ByteColumns("a: b\nä: 😀 x\n")
        #expect(columns.byteColumn(line: 1, column: 4) == 4)
        #expect(columns.byteColumn(line: 2, column: 4) == 5)
        #expect(columns.byteColumn(line: 2, column: 6) == 10)
        // Past the end of a line or the document, columns are kept as they are.
        #expect(columns.byteColumn(line: 9, column: 3) == 3)
    }
}

/// Inline positions in table cells, which cmark-gfm gets wrong after a cell holding a link.
@Suite struct TableCellPositionTests {
    @Test func inlinesOpeningACellAfterALinkCell() {
        let article = TestContent.article("""
            ---
            question: Q?
            ---

            | a | b [@a] |
            |---|---|
            | [x](one.md) | [y](two.md) |
            | [x](three.md) | <b>y</b> |
            | x | [y](four.md) |
            """)
        let outline = ArticleOutline(blocks: article.blocks)
        #expect(outline.links.map(\.position) == [
            SourcePosition(line: 7, column: 3), SourcePosition(line: 7, column: 17),
            SourcePosition(line: 8, column: 3), SourcePosition(line: 9, column: 7),
        ])
        guard case .table(let table) = article.blocks.first?.kind else { Issue.record("no table"); return }
        #expect(table.rows[1].cells[1].first?.position == SourcePosition(line: 8, column: 19))
    }
}
