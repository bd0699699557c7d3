import Testing
@testable import GuidelinePress

@Suite struct LinkResolverTests {
    func site() throws -> (TemporaryFolder, Site) {
        let folder = try SiteFixture.make([
            "alpha": SiteFixture.article("Alpha?", body: "Text. [@a2020]\n\n## Testing methods\n\nMore. [@a2020]\n"),
            "beta": SiteFixture.article("Beta?", body: "Text. [@b2021]\n"),
        ])
        return (folder, try Publisher.load(folder.path).0)
    }

    @Test func rewritesMarkdownLinksToPageURLs() throws {
        let (_, site) = try site()
        let from = "articles/beta.md"
        let page = PageID.article("beta")
        func url(_ d: String) -> String? {
            if case .page(let target, let anchor) = LinkResolver.resolve(d, from: from, in: site) {
                return page.url(to: target, anchor: anchor)
            }
            return nil
        }
        #expect(url("alpha.md") == "../alpha/index.html")
        #expect(url("alpha.md#testing-methods") == "../alpha/index.html#testing-methods")
        #expect(url("./alpha.md") == "../alpha/index.html")
        #expect(url("../articles/alpha.md") == "../alpha/index.html")
        #expect(url("../pages/editorial-policy.md") == "../../editorial-policy/index.html")
        #expect(PageID.page("editorial-policy").url(to: .article("alpha")) == "../articles/alpha/index.html")
        #expect(PageID.home.url(to: .article("alpha"), anchor: "x") == "articles/alpha/index.html#x")
    }

    /// In a part of a site (a rebuild's small site), a link to an article that is not there says
    /// so without a near miss, whichever way it is written; the rest resolves as in the whole site.
    @Test func aPartOfASiteLooksForNoNearMisses() throws {
        var (_, site) = try site()
        let whole = site
        site.isPart = true
        for destination in ["alpah.md", "alpah.md#testing-methods", "./alpah.md", "../articles/alpah.md"] {
            #expect(LinkResolver.resolve(destination, from: "articles/beta.md", in: site) == .broken("no article 'alpah.md'"), "\(destination)")
            guard case .broken(let message) = LinkResolver.resolve(destination, from: "articles/beta.md", in: whole) else {
                Issue.record("expected broken"); continue
            }
            #expect(message.hasPrefix("no article 'alpah.md'") && message.contains("did you mean"))
        }
        for destination in ["alpha.md", "alpha.md#testing-methods", "alpha.md#nothing", "../pages/editorial-policy.md", "https://x.org"] {
            #expect(LinkResolver.resolve(destination, from: "articles/beta.md", in: site)
                    == LinkResolver.resolve(destination, from: "articles/beta.md", in: whole), "\(destination)")
        }
    }

    @Test func reportsMissingFilesAndAnchorsWithNearMisses() throws {
        let (_, site) = try site()
        guard case .broken(let missingFile) = LinkResolver.resolve("alpah.md", from: "articles/beta.md", in: site) else {
            Issue.record("expected broken"); return
        }
        #expect(missingFile.contains("did you mean 'alpha.md'?"))
        guard case .broken(let missingAnchor) = LinkResolver.resolve("alpha.md#testing-method", from: "articles/beta.md", in: site) else {
            Issue.record("expected broken"); return
        }
        #expect(missingAnchor.contains("did you mean '#testing-methods'?"))
        guard case .broken = LinkResolver.resolve("#nowhere", from: "articles/beta.md", in: site) else {
            Issue.record("expected broken"); return
        }
        guard case .broken = LinkResolver.resolve("../../etc/passwd.md", from: "articles/beta.md", in: site) else {
            Issue.record("expected broken"); return
        }
    }

    @Test func classifiesExternalAndUnsafeURLs() throws {
        let (_, site) = try site()
        #expect(LinkResolver.resolve("https://doi.org/10.1/x", from: "articles/beta.md", in: site) == .external("https://doi.org/10.1/x"))
        #expect(LinkResolver.resolve("mailto:a@b.org", from: "articles/beta.md", in: site) == .external("mailto:a@b.org"))
        #expect(LinkResolver.resolve("JavaScript:alert(1)", from: "articles/beta.md", in: site) == .unsafe("JavaScript:alert(1)"))
        #expect(LinkResolver.resolve("java\tscript:alert(1)", from: "articles/beta.md", in: site) == .unsafe("java\tscript:alert(1)"))
        #expect(LinkResolver.resolve("data:text/html,x", from: "articles/beta.md", in: site) == .unsafe("data:text/html,x"))
    }
}
