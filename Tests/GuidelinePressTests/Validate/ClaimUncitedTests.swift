import Testing
@testable import GuidelinePress

/// `claim-uncited` on literals: what §3 counts as a claim and what exempts one.
@Suite struct ClaimUncitedTests {
    /// Front matter of 5 lines, then a blank line: the body starts on line 7.
    static let frontMatter = "---\nquestion: Q?\nstatus: submitted\nupdated: 2025-06-01\n---\n\n"

    /// Runs the checker over one article whose body is `body`.
    func findings(_ body: String) -> [Diagnostic] {
        let article = TestContent.article(Self.frontMatter + body)
        let outline = ArticleOutline(blocks: article.blocks, file: article.file.displayPath)
        let site = Site(settings: SiteSettings(), settingsFile: "site.yaml", articles: [article], outlines: [outline],
                        pages: [], references: [], bibliographyFiles: [], relations: Relations())
        return ClaimUncitedChecker().check(article, outline: outline, site: site,
                                           context: ValidationContext(today: TestContent.today))
    }

    /// The lines of the findings (all must be `claim-uncited` errors in the article).
    func lines(_ body: String) -> [Int] {
        let found = findings(body)
        for d in found {
            #expect(d.rule == .claimUncited)
            #expect(d.severity == .error)
            #expect(d.file == "Content/articles/test.md")
        }
        return found.compactMap(\.line)
    }

    @Test func everyParagraphIsAClaimTheSummaryIncluded() {
        #expect(lines("The summary. [@a]\n\n## Heading\n\nA later paragraph [@b].\n").isEmpty)
        #expect(lines("An uncited summary.\n\n## Heading\n\nCited. [@b]\n") == [7])
        #expect(lines("Cited summary. [@a]\n\n## Heading\n\nUncited later.\n") == [11])
        #expect(findings("Uncited.\n").first?.column == 1)
        #expect(findings("Uncited.\n").first?.message == "claim has no citation")
    }

    @Test func theTextOfEachListItemIsAClaim() {
        #expect(lines("- one [@a]\n- two [@b]\n").isEmpty)
        #expect(lines("- one [@a]\n- two\n- three [@c]\n") == [8])
        #expect(findings("- one [@a]\n- two\n").first?.message == "list item has no citation")
        #expect(findings("- one [@a]\n- two\n").first?.column == 3)
        // Only the item's first paragraph is its text; a later paragraph is a claim of its own.
        #expect(lines("- one [@a]\n\n  more about one\n") == [9])
        #expect(lines("1. ordered\n") == [7])
    }

    @Test func tableBodyRowsAreClaimsUnlessTheHeaderCites() {
        let uncitedRow = "| Drug | Dose |\n|---|---|\n| a | 1 mg [@a] |\n| b | 2 mg |\n"
        #expect(lines(uncitedRow) == [10])
        #expect(findings(uncitedRow).first?.message == "table row has no citation")
        #expect(lines("| Drug | Dose [@a] |\n|---|---|\n| a | 1 mg |\n| b | 2 mg |\n").isEmpty)
        // The header row itself is not a claim.
        #expect(lines("| Drug | Dose |\n|---|---|\n| a | 1 mg [@a] |\n").isEmpty)
    }

    @Test func blockQuoteParagraphsAreClaims() {
        #expect(lines("> Quoted. [@a]\n").isEmpty)
        #expect(lines("> Quoted. [@a]\n>\n> Uncited quote.\n") == [9])
        #expect(lines("> > Nested, uncited.\n") == [7])
    }

    @Test func anIntroductionEndingInAColonIsExemptWhenEveryItemIsCited() {
        let intro = "The options:\n\n- one [@a]\n- two [@b]\n"
        #expect(lines(intro).isEmpty)
        // Also for list-item text that introduces a nested list.
        #expect(lines("- The options:\n  - one [@a]\n  - two [@b]\n").isEmpty)
        // One uncited item: the item is reported, and the introduction loses its exemption.
        #expect(lines("The options:\n\n- one [@a]\n- two\n") == [7, 10])
        // No colon, no exemption.
        #expect(lines("The options\n\n- one [@a]\n- two [@b]\n") == [7])
        // The list must follow directly.
        #expect(lines("The options:\n\nA paragraph. [@c]\n\n- one [@a]\n") == [7])
    }

    @Test func anUncitedCommentWithAReasonExemptsTheNextBlockOnly() {
        #expect(lines("<!-- uncited: a worked example -->\nSay the letters aloud.\n").isEmpty)
        // Before a list, the first item only (see the next test).
        #expect(lines("<!-- uncited: a table of contents -->\n- one\n- two\n") == [9])
        #expect(lines("<!-- uncited: example -->\nExempt.\n\nNot exempt.\n") == [10])
        // Any other comment exempts nothing.
        #expect(lines("<!-- a note for editors -->\nUncited.\n") == [8])
    }

    @Test func anUncitedCommentBeforeAListOrQuoteExemptsItsFirstClaimOnly() {
        // Before a list: the first item's text, not every item (nor nested items, nor a later
        // paragraph of the item).
        #expect(lines("<!-- uncited: example -->\n- one\n- two\n- three\n") == [9, 10])
        #expect(lines("<!-- uncited: example -->\n- one\n  - nested\n") == [9])
        // Each item can carry its own comment.
        #expect(lines("- <!-- uncited: example -->\n  one\n- <!-- uncited: example -->\n  two\n- three\n") == [11])
        // A comment ending one item does not reach the next item.
        #expect(lines("- one [@a]\n\n  <!-- uncited: example -->\n- two\n") == [10])
        // Before a block quote: its first paragraph.
        #expect(lines("<!-- uncited: example -->\n> Quoted.\n>\n> Also quoted.\n") == [10])
        // Nothing after the list is covered.
        #expect(lines("<!-- uncited: example -->\n- one\n\nAfter.\n") == [10])
        // A table's rows cannot carry comments: the comment covers the table, like a cited header.
        #expect(lines("<!-- uncited: example -->\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n").isEmpty)
        // Before a heading, a comment exempts nothing.
        #expect(lines("<!-- uncited: example -->\n## H\n\nText.\n") == [10])
    }

    @Test func anEmptyReasonBeforeAListNotesTheFirstItem() {
        let found = findings("<!-- uncited: -->\n- one\n- two\n")
        #expect(found.map(\.line) == [8, 9])
        #expect(found.first?.notes.first == "the uncited comment on line 7 needs a reason")
        #expect(found.last?.notes.isEmpty == true)
    }

    @Test func anUncitedCommentWithoutAReasonExemptsNothing() {
        for comment in ["<!-- uncited: -->", "<!-- uncited:    -->", "<!-- uncited -->"] {
            let found = findings("\(comment)\nUncited.\n")
            #expect(found.map(\.line) == [8], "\(comment)")
            #expect(found.first?.notes == ["the uncited comment on line 7 needs a reason"], "\(comment)")
        }
    }

    @Test func citationsInCodeOrOnlyInAHeadingDoNotCount() {
        #expect(lines("Written as `[@a]` in code.\n") == [7])
        #expect(lines("## Dosing [@a]\n\nThe dose is 1 mg.\n") == [9])
        // A code block is never a claim, and its citation covers nothing.
        #expect(lines("```\n[@a]\n```\n\nThe dose is 1 mg.\n") == [11])
        let article = TestContent.article(Self.frontMatter + "```\n[@a]\n```\n\n    [@b]\n\nText `@c` here.\n")
        #expect(ArticleOutline(blocks: article.blocks).citedKeys.isEmpty)
    }

    @Test func headingsCodeBlocksAndBreaksAreNeverClaims() {
        #expect(lines("## A heading\n\n---\n\n```\ncode\n```\n\n    indented code\n").isEmpty)
    }

    @Test func emphasisedCitationsCount() {
        #expect(lines("Some *emphasised [@a]* text.\n").isEmpty)
    }
}
