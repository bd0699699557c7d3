import Testing
@testable import GuidelinePress

@Suite struct CitationNumberingTests {
    @Test func keysAreNumberedByFirstCitationIncludingTheSummary() {
        let article = ArticleParser.parseArticle("""
            ---
            question: Q?
            status: submitted
            updated: 2025-01-01
            ---
            Summary. [@b2021]

            ## Section

            - One. [@a2020; @b2021]
            - Two `[@c2022]` is code, then [see @c2022, p. 3].
            """, file: SourceFile(kind: .article, displayPath: "x.md", relativePath: "articles/x.md", absolutePath: "/x.md"))
        let outline = ArticleOutline(blocks: article.blocks)
        #expect(outline.citedKeys == ["b2021", "a2020", "c2022"])
        #expect(outline.citationItems.count == 4)
        let located = outline.citationItems.last
        #expect(located?.position == SourcePosition(line: 11, column: 37))
        #expect(located?.prefix == "see")
        #expect(located?.suffix == "p. 3")
    }

    @Test func renderedNumbersLinkToTheReferenceList() throws {
        let site = try SiteFixture.make([
            "x": SiteFixture.article("Q?", body: "First. [@c2022]\n\nSecond. [@a2020; @c2022]\n\nThird. [see @a2020, p. 3; compare @c2022]\n\n"
                                     + "Fourth. [@b2021; @a2020; @c2022; @a2020]\n\nFifth. [@b2021; @c2022, p. 4; @a2020]\n\n"
                                     + "Sixth. [@c2022; @c2022, p. 5; @c2022]\n\nSeventh. [@c2022; @a2020]\n\n"
                                     + "Eighth. [@c2022; @a2020; @b2021]\n\nNinth. [see @c2022; @a2020, p. 2]\n\n"
                                     + "Tenth. [@c2022] [@a2020][see @b2021]\n\nEleventh [@c2022] and [@a2020].\n"),
        ])
        let output = try TemporaryFolder()
        _ = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output.url("Site"), mode: .publish, today: ISODate(year: 2025, month: 6, day: 1)))
        let html = try output.read("Site/articles/x/index.html")
        #expect(html.contains("First.<sup class=\"cite\"><a href=\"#ref-1\">1</a></sup>"))
        // A group in the order of its numbers, as the AMA style's CSL prints it (and pandoc with it).
        #expect(html.contains("Second.<sup class=\"cite\"><a href=\"#ref-1\">1</a>,<a href=\"#ref-2\">2</a></sup>"))
        // A prefix goes with its item, set off from the comma before it.
        #expect(html.contains("Third.<sup class=\"cite\">compare <a href=\"#ref-1\">1</a>, see <a href=\"#ref-2\">2</a>(p. 3)</sup>"))
        // Three in a row are a range, both ends linked; a repeated number is printed once.
        #expect(html.contains("Fourth.<sup class=\"cite\"><a href=\"#ref-1\">1</a>–<a href=\"#ref-3\">3</a></sup>"))
        // An item with a locator stands alone: no range through it.
        #expect(html.contains("Fifth.<sup class=\"cite\"><a href=\"#ref-1\">1</a>(p. 4),<a href=\"#ref-2\">2</a>,<a href=\"#ref-3\">3</a></sup>"))
        // A number repeated without a locator is printed once, wherever it stands in the group.
        #expect(html.contains("Sixth.<sup class=\"cite\"><a href=\"#ref-1\">1</a>,<a href=\"#ref-1\">1</a>(p. 5)</sup>"))
        // Groups already in order are written as they stand; three in a row still make a range.
        #expect(html.contains("Seventh.<sup class=\"cite\"><a href=\"#ref-1\">1</a>,<a href=\"#ref-2\">2</a></sup>"))
        #expect(html.contains("Eighth.<sup class=\"cite\"><a href=\"#ref-1\">1</a>–<a href=\"#ref-3\">3</a></sup>"))
        #expect(html.contains("Ninth.<sup class=\"cite\">see <a href=\"#ref-1\">1</a>,<a href=\"#ref-2\">2</a>(p. 2)</sup>"))
        // Groups side by side go on with a comma (they read `12`, a real manuscript's
        // `[@a] [@b]`); with words between, each stands alone.
        #expect(html.contains("Tenth.<sup class=\"cite\"><a href=\"#ref-1\">1</a></sup><sup class=\"cite\">,<a href=\"#ref-2\">2</a></sup>"
                              + "<sup class=\"cite\">, see <a href=\"#ref-3\">3</a></sup>"))
        #expect(html.contains("Eleventh<sup class=\"cite\"><a href=\"#ref-1\">1</a></sup> and<sup class=\"cite\"><a href=\"#ref-2\">2</a></sup>."))
        let list = try #require(html.range(of: "<ol class=\"reference-list\">"))
        let tail = html[list.upperBound...]
        let third = try #require(tail.range(of: "Third study"))
        let first = try #require(tail.range(of: "First study"))
        let second = try #require(tail.range(of: "Second study"))
        #expect(third.lowerBound < first.lowerBound && first.lowerBound < second.lowerBound)
    }
}
