import Foundation
import Testing
@testable import GuidelinePress

/// Bodies rendered by the parse stage with holes (``SiteRenderer/prerender(_:outline:)``),
/// once filled, make the same pages as bodies rendered from their trees after the site is resolved.
@Suite struct BodyFragmentTests {
    /// Every article page of `content`, rendered both ways; returns how many pages used the fragments.
    /// A page whose fragment cannot be used (a link that leads nowhere, a key the bibliography
    /// lacks) is rendered from its tree instead, and must come out the same.
    @discardableResult
    static func expectSamePages(_ content: String) throws -> Int {
        let (site, _) = try Publisher.load(content)
        let templates = try TemplateSet.load(packageRoot.appendingPathComponent("Templates").path)
        let known = Set(site.references.map(\.id))
        let direct = SiteRenderer(site: site, templates: templates, review: nil, today: TestContent.today)
        let parsedAgain = Counter()
        let fromFragments = SiteRenderer(site: site, templates: templates, review: nil, today: TestContent.today,
                                         body: { index in parsedAgain.add(); return site.articles[index].blocks },
                                         prerendered: { index in
            SiteRenderer.prerender(site.articles[index], outline: site.outlines[index])
        })
        var used = 0
        for index in site.articles.indices {
            let before = parsedAgain.value
            #expect(try fromFragments.renderArticle(index) == direct.renderArticle(index), "\(site.articles[index].slug)")
            let body = SiteRenderer.prerender(site.articles[index], outline: site.outlines[index])
            let article = site.articles[index]
            let resolve = { (destination: String) in
                SiteRenderer.url(LinkResolver.resolve(destination, from: article.file.relativePath, in: site), from: .article(article.slug))
            }
            let usable = site.outlines[index].citedKeys.allSatisfy(known.contains)
                && body.summary.filled(linkURL: resolve, backlinks: { _ in [] }) != nil
                && body.main.filled(linkURL: resolve, backlinks: { _ in [] }) != nil
            // The fragment is used exactly when it can be.
            #expect(parsedAgain.value == before + (usable ? 0 : 1), "\(site.articles[index].slug)")
            if usable { used += 1 }
        }
        return used
    }

    @Test func sampleContent() throws {
        let used = try Self.expectSamePages(packageRoot.appendingPathComponent("Content").path)
        #expect(used >= 7)
    }

    @Test(arguments: ["valid", "minimal", "report"])
    func fixtureSites(_ name: String) throws {
        try Self.expectSamePages(try TestContent.fixtureSite(name))
    }

    /// Links, images, citations after links and spaces, and headings a pathway targets.
    @Test func tricky() throws {
        let folder = try SiteFixture.make([
            "one": SiteFixture.article("One?", related: ["two"], body: """
                Lead with [a link](two.md#dosing) [@a2020] and [spaced link ](two.md) [@b2021].

                ## Dosing

                Text *[emphasised link](two.md)* [@a2020], ![alt text ](https://example.org/x.png) [@c2022],
                [see [@b2021]](two.md) and <https://example.org/a> [@a2020].

                ```pathway
                flowchart TD
                  A[Start] --> B[Dose]
                  click B "#dosing"
                ```

                | a | b |
                |---|---|
                | [x](two.md) [@a2020] | y [@b2021] |

                """),
            "two": SiteFixture.article("Two?", body: """
                Summary [@a2020].

                ## Dosing

                See [one](one.md#dosing) [@b2021].
                """),
        ])
        let used = try Self.expectSamePages(folder.path)
        #expect(used == 2)
    }

    /// The parse stage numbers every cited key without waiting for the bibliography; a page
    /// citing a key the bibliography lacks (a review build, or a public one once that error is
    /// allowed) is rendered from its tree, so its numbers skip the unknown key.
    @Test func unknownKeyIsRenderedFromTheTree() throws {
        let folder = try SiteFixture.make([
            "one": SiteFixture.article("One?", body: "Lead [@nobody1999] and [@a2020; @b2021].\n\n## Dosing\n\nDose [@b2021].\n"),
        ])
        let used = try Self.expectSamePages(folder.path)
        #expect(used == 0)
    }

    /// A link that leads nowhere cannot be filled (its text stands alone, which a fragment cannot know).
    @Test func brokenLinkIsNotFilled() {
        let fragment = BodyFragment(html: "<p>a b</p>", holes: [(4, .linkOpen(destination: "x.md", title: "")), (5, .linkClose)])
        #expect(fragment.filled(linkURL: { _ in nil }, backlinks: { _ in [] }) == nil)
        #expect(fragment.filled(linkURL: { _ in "../x/" }, backlinks: { _ in [] }) == "<p>a<a href=\"../x/\"> </a>b</p>")
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func add() { lock.withLock { count += 1 } }
    }
}
