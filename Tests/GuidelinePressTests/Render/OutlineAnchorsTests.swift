import Testing
@testable import GuidelinePress

/// ``BodyRenderer/outlineHeadings``: a body rendered with its outline's headings takes their
/// anchors instead of making them again, and renders exactly as it does without them.
@Suite struct OutlineAnchorsTests {
    /// Repeated, nested, punctuated and non-ASCII headings, in the summary and after it.
    static let markdown = """
        > ## Dosing
        > Inside a quote.

        ## Dosing

        - item

          ## Dosing in a list

        ## Dosing

        ## Special considerations: HR+/HER2+ disease!

        ## Ça va? Déjà

        ## Dosing 1
        """

    static func render(_ blocks: [Block], outline: [ArticleOutline.Heading]) -> String {
        var body = BodyRenderer()
        body.outlineHeadings = outline
        return body.render(blocks)
    }

    @Test func sameHTMLWithTheOutlinesAnchors() {
        let blocks = ArticleParser.parseBody(Self.markdown)
        let outline = ArticleOutline(blocks: blocks)
        #expect(outline.headings.count == 7)
        let without = Self.render(blocks, outline: [])
        #expect(without.contains("id=\"dosing-1\"") && without.contains("id=\"dosing-2\"") && without.contains("id=\"dosing-1-1\""))
        #expect(Self.render(blocks, outline: outline.headings) == without)
    }

    /// The outline's anchors are the ones written: one changed in the outline shows in the HTML.
    @Test func takesTheOutlinesAnchors() {
        let blocks = ArticleParser.parseBody(Self.markdown)
        var headings = ArticleOutline(blocks: blocks).headings
        headings[2].anchor = "from-the-outline"
        let html = Self.render(blocks, outline: headings)
        #expect(html.contains("id=\"from-the-outline\""))
        #expect(!html.contains("id=\"dosing-in-a-list\""))
    }

    /// An outline that stops matching (another text's) hands over to anchors made here, which
    /// count the ones already taken: the HTML is what it is without an outline.
    @Test func anOutlineThatStopsMatchingHandsOver() {
        let blocks = ArticleParser.parseBody("## Dosing\n\n## Dosing\n\n## Notes\n")
        let other = ArticleOutline(blocks: ArticleParser.parseBody("## Dosing\n\nText.\n\n## Other\n")).headings
        let without = Self.render(blocks, outline: [])
        #expect(without.contains("id=\"dosing\"") && without.contains("id=\"dosing-1\"") && without.contains("id=\"notes\""))
        #expect(Self.render(blocks, outline: other) == without)
    }
}
