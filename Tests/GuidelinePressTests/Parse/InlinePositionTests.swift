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

    /// Text holding scalars just below and inside the placeholder range (U+F0000 and up): below it,
    /// citations are found as usual; inside it the paragraph is left as text, whole.
    @Test func textNearThePlaceholderRange() {
        let below = TestContent.article("---\nquestion: Q?\n---\n\nA \u{EFFFF} *x* [@k1].\n")
        #expect(TestContent.citationItems(below.blocks).map(\.key) == ["k1"])
        for scalar in ["\u{F0000}", "\u{F0001}", "\u{10FFFD}"] {
            let inside = TestContent.article("---\nquestion: Q?\n---\n\nA \(scalar) *x* [@k1].\n")
            #expect(TestContent.citationItems(inside.blocks).isEmpty)
            guard case .paragraph(let inlines) = inside.blocks.first?.kind else {
                Issue.record("no paragraph"); continue
            }
            #expect(Inline.plainText(inlines) == "A \(scalar) x [@k1].")
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
