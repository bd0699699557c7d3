import Testing
@testable import GuidelinePress

/// `link-broken` checks the `#anchor` of a link to a plain page against that page's headings, as
/// it checks an article's (twenty-first session: `about.md#no-such-heading` passed, and its
/// reader landed at the top of the page).
@Suite struct PageAnchorLinkTests {
    /// A plain page with two sections, after four lines of front matter.
    static let about = """
        ---
        title: About
        ---

        # About these answers

        ## Contact the board

        Write to us.

        """

    /// The `link-broken` findings of the minimal site with `article`, the page `pages/about.md`
    /// and `extra` files.
    func linkFindings(article: String, extra: [String: String] = [:]) throws -> [Diagnostic] {
        var files = TestContent.minimalSite(article: article)
        files["pages/about.md"] = Self.about
        files.merge(extra) { _, new in new }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .linkBroken }
    }

    @Test func anArticleLinkToAMissingHeadingOfAPageIsBroken() throws {
        let article = SiteFixture.article("Who reviews?", body: "Yes. [@smith2020]\n\nSee [the board](../pages/about.md#no-such-heading). [@smith2020]\n")
        let findings = try linkFindings(article: article)
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.file.hasSuffix("articles/test.md"))
        #expect(finding.severity == .error)
        #expect(finding.line == 9 && finding.column == 5)
        #expect(finding.message == "link to no heading '#no-such-heading' in 'about.md'")
    }

    @Test func aNearMissOfAPageHeadingIsSuggested() throws {
        let article = SiteFixture.article("Who reviews?", body: "See [the board](../pages/about.md#contact-the-bord). [@smith2020]\n")
        #expect(try linkFindings(article: article).map(\.message)
                == ["link to no heading '#contact-the-bord' in 'about.md'; did you mean '#contact-the-board'?"])
    }

    @Test func linksToHeadingsAPageHasAreNotBroken() throws {
        let article = SiteFixture.article("Who reviews?", body: "See [the board](../pages/about.md#contact-the-board), "
                                          + "[us](../pages/about.md#about-these-answers) and [all](../pages/about.md). [@smith2020]\n")
        let policy = "# Editorial policy\n\nAsk [the board](about.md#contact-the-board); [below](#how-we-review).\n\n## How we review\n\nTwice.\n"
        #expect(try linkFindings(article: article, extra: ["pages/editorial-policy.md": policy]).isEmpty)
    }

    /// From a page, to another page's heading or to one of its own, alike.
    @Test func aPageLinkToAMissingHeadingIsBroken() throws {
        let policy = "# Editorial policy\n\nAsk [the board](about.md#contact-us).\n\nSee [below](#how-we-review).\n"
        let findings = try linkFindings(article: TestContent.validArticle, extra: ["pages/editorial-policy.md": policy])
        #expect(findings.map(\.message) == ["link to no heading '#contact-us' in 'about.md'",
                                            "link to no heading '#how-we-review' in 'editorial-policy.md'"], "\(findings)")
        #expect(findings.allSatisfy { $0.file.hasSuffix("pages/editorial-policy.md") })
        #expect(findings.map(\.line) == [3, 5] && findings.map(\.column) == [5, 5])
    }

    /// The resolve stage gives the page's heading as the target, or why there is none.
    @Test func theResolverChecksPageAnchors() throws {
        var files = TestContent.minimalSite()
        files["pages/about.md"] = Self.about
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let site = try Publisher.load(folder.path).0
        #expect(LinkResolver.resolve("../pages/about.md#contact-the-board", from: "articles/test.md", in: site)
                == .page(.page("about"), anchor: "contact-the-board"))
        #expect(LinkResolver.resolve("about.md#contact", from: "pages/editorial-policy.md", in: site)
                == .broken("no heading '#contact' in 'about.md'"))
        #expect(LinkResolver.resolve("#contact-the-boards", from: "pages/about.md", in: site)
                == .broken("no heading '#contact-the-boards' in 'about.md'; did you mean '#contact-the-board'?"))
        #expect(LinkResolver.resolve("#about-these-answers", from: "pages/about.md", in: site)
                == .page(.page("about"), anchor: "about-these-answers"))
    }
}
