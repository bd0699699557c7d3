import Foundation
import Testing
@testable import GuidelinePress

/// The review build, the public/review separation, and the feed, sitemap, search index and JSON-LD.
@Suite struct ReviewAndFeedsTests {
    static let articles = [
        "alpha": """
            ---
            question: Is alpha approved?
            status: approved
            updated: 2025-03-01
            reviewed:
              by: [mlee]
              on: 2025-02-01
            topics: [testing]
            ---

            Alpha is cited. [@a2020]

            An uncited claim in alpha.

            <!-- uncited: consensus statement of the board -->
            Exempted by the board.
            """,
        "beta": SiteFixture.article("Is beta <pending> & under review?", related: ["alpha"], body: "Beta. [@b2021]\n"),
    ]

    static func build(_ mode: Publisher.Mode, articles: [String: String] = articles) throws -> (TemporaryFolder, TemporaryFolder, Publisher.Report) {
        let site = try SiteFixture.make(articles)
        let output = try TemporaryFolder()
        let report = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output.url("Out"), mode: mode,
                                             today: ISODate(year: 2026, month: 4, day: 1)))
        return (site, output, report)
    }

    /// A finding about a whole file (no line) is listed as "file", not as an empty "line", after
    /// its severity in words (errors and warnings had looked the same in the list).
    @Test func wholeFileFindingsSayFile() throws {
        let folder = try SiteFixture.make(Self.articles)
        let (site, _) = try Publisher.load(folder.path)
        let templates = try TemplateSet.load(packageRoot.appendingPathComponent("Templates").path)
        let index = try #require(site.articles.firstIndex { $0.slug == "beta" })
        let finding = Diagnostic(file: site.articles[index].file.displayPath, rule: .claimUncited, message: "about the whole file")
        let page = try SiteRenderer(site: site, templates: templates, review: [finding], today: TestContent.today)
            .renderArticle(index)
        #expect(page.contains("<strong>Error</strong> <a href=\"#finding-1\">file</a> <code>claim-uncited</code> about the whole file"))
    }

    @Test func reviewBuildShowsFindingsInlineAndOnTheDashboard() throws {
        let (_, output, report) = try Self.build(.review)
        #expect(report.errorCount == 1)
        #expect(report.filesWritten > 0)
        let article = try output.read("Out/articles/alpha/index.html")
        #expect(article.contains("class=\"review-uncited\""))
        #expect(article.contains("<code>claim-uncited</code> line 13: claim has no citation"))
        #expect(article.contains("not for clinical use"))
        let dashboard = try output.read("Out/review/index.html")
        let normalised = dashboard.replacingOccurrences(of: output.path, with: "OUT")
        try expectGolden(normalised.replacingOccurrences(of: try Self.contentPrefix(dashboard), with: "CONTENT/"),
                         named: "review-dashboard.html")
        #expect(dashboard.contains("consensus statement of the board"))
        #expect(dashboard.contains("c2022"), "the never-cited reference is listed")
        #expect(dashboard.contains("Overdue"), "alpha's review is more than 365 days old")
        #expect(dashboard.contains("Stale approval"), "alpha was updated after its review")
    }

    /// A `reference-unused` warning is shown once on the dashboard, under "References never
    /// cited" (it was listed under "Site settings, pages and references" as well), and the totals
    /// still count it. A reference that a misspelt citation meant has no such warning (the
    /// citation's error names it) and is not listed as never cited.
    @Test func anUnusedReferenceIsShownOnceOnTheDashboard() throws {
        let (_, output, report) = try Self.build(.review)
        #expect(report.diagnostics.filter { $0.rule == .referenceUnused }.count == 1)
        let dashboard = try output.read("Out/review/index.html")
        #expect(dashboard.components(separatedBy: "c2022").count == 2, "\(dashboard)")
        #expect(!dashboard.contains("is never cited"))
        #expect(dashboard.contains("<strong>1 error, 3 warnings</strong>"))
        #expect(dashboard.contains("<p>No findings other than the references never cited, below.</p>"))
        #expect(dashboard.contains("<p>Each is a <code>reference-unused</code> warning, counted in the totals above.</p>\n<ul><li><code>c2022</code> Third study"))

        let site = try SiteFixture.make(["nu": SiteFixture.article("Is nu cited?", body: "Cited. [@a2020] [@b2021] [@C2022]\n")])
        let misspelt = try TemporaryFolder()
        let found = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                            output: misspelt.url("Out"), mode: .review, today: TestContent.today)).diagnostics
        #expect(found.contains { $0.rule == .citationUnknown } && !found.contains { $0.rule == .referenceUnused }, "\(found)")
        let meant = try misspelt.read("Out/review/index.html")
        #expect(meant.contains("<p>Every reference is cited, or meant by a citation reported as an error.</p>") && !meant.contains("<code>c2022</code>"), "\(meant)")
    }

    /// What a board member needs to see of an approval that is not one (a probe of the review
    /// build): an approval without reviewers says so instead of "Reviewed by  of the editorial
    /// board", an id not on the board is named as such on the page and the dashboard, both get a
    /// flag, an article without a valid status is not filed as submitted, and a review build's
    /// pages are marked for search engines and in their titles.
    @Test func theReviewBuildShowsApprovalsThatAreNotOnes() throws {
        func approved(_ question: String, reviewed: String) -> String {
            "---\nquestion: \(question)\nstatus: approved\nupdated: 2025-03-01\n\(reviewed)---\n\nCited. [@a2020]\n"
        }
        let site = try SiteFixture.make([
            "delta": approved("Is delta reviewed?", reviewed: ""),
            "epsilon": approved("Who reviewed epsilon?", reviewed: "reviewed:\n  by: [mlee, zkhan]\n  on: 2025-03-01\n"),
            "zeta": "---\nquestion: Has zeta a status?\nupdated: 2025-03-01\n---\n\nCited. [@a2020]\n",
        ])
        let output = try TemporaryFolder()
        _ = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output.url("Out"), mode: .review, today: TestContent.today))
        let delta = try output.read("Out/articles/delta/index.html")
        #expect(delta.contains("Reviewed; no reviewers are recorded.</p>"), "\(delta)")
        #expect(delta.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
        #expect(delta.contains("<title>Review: Is delta reviewed?"))
        let epsilon = try output.read("Out/articles/epsilon/index.html")
        #expect(epsilon.contains("<span class=\"reviewer\">zkhan <span class=\"role\">(not on the editorial board)</span></span>"))
        let dashboard = try output.read("Out/review/index.html")
        #expect(dashboard.contains("Approved without review"))
        #expect(dashboard.contains("; zkhan (not on the board)</td>"))
        #expect(dashboard.contains("Reviewer not on the board"))
        #expect(dashboard.contains("<h2 id=\"status-unknown\">Status missing or invalid (1)</h2>"))
        // The public build of the same content stops on these errors; a valid one has no such marks.
        let clean = try SiteFixture.make(["eta": SiteFixture.article("Is eta public?", body: "Cited. [@a2020]\n")])
        let publicOutput = try TemporaryFolder()
        _ = try Publisher.run(.init(content: clean.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: publicOutput.url("Out"), mode: .publish, today: TestContent.today))
        let eta = try publicOutput.read("Out/articles/eta/index.html")
        #expect(eta.contains("<title>Is eta public?") && !eta.contains("noindex"))
    }

    /// A block's findings are a note, not a landmark (a page had one landmark per block, all named
    /// "Review findings"), amber when they are warnings only (every box had been red).
    @Test func inlineFindingsAreNotesColouredByTheirWorst() {
        let warning = Diagnostic(file: "a.md", at: SourcePosition(line: 3, column: 1), rule: .reviewStale, message: "stale")
        let error = Diagnostic(file: "a.md", at: SourcePosition(line: 3, column: 1), rule: .claimUncited, message: "uncited")
        let warnings = BodyRenderer.findingsHTML([(0, warning)])
        #expect(warnings.hasPrefix("<div class=\"review-findings review-findings-warnings\" role=\"note\"><ul>"))
        #expect(BodyRenderer.findingsHTML([(0, warning), (1, error)]).hasPrefix("<div class=\"review-findings\" role=\"note\"><ul>"))
        #expect(!warnings.contains("<aside"))
    }

    /// A cited reference's own findings show under its entry in a review build (they were only on
    /// the dashboard): here a reference without a year.
    @Test func aCitedReferencesFindingsShowUnderItsEntry() throws {
        let site = try SiteFixture.make(["kappa": SiteFixture.article("Is kappa cited?", body: "Cited. [@a2020; @n2019]\n")])
        try Data(#"[{"id": "n2019", "type": "article-journal", "title": "Undated study"}]"#.utf8)
            .write(to: URL(fileURLWithPath: site.url("references/undated.json")))
        let output = try TemporaryFolder()
        _ = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output.url("Out"), mode: .review, today: TestContent.today))
        let page = try output.read("Out/articles/kappa/index.html")
        let entry = try #require(page.range(of: "<li id=\"ref-2\">").map { String(page[$0.lowerBound...].prefix(600)) })
        #expect(entry.contains("Undated study.") && entry.contains("<div class=\"review-findings\" role=\"note\"><ul><li class=\"review-error\" id=\"ref-2-finding-1\">"),
                "\(entry)")
        #expect(entry.contains("<code>reference-invalid</code>"))
        #expect(!page.contains("ref-1-finding"), "the dated reference has no finding")
    }

    /// An exemption shows, in a review build, as a note with its reason right above the block it
    /// exempts (it was only listed at the top of the page); a public page shows nothing of it.
    @Test func exemptionsShowWhereTheyStandInAReviewBuild() throws {
        let body = "Cited. [@a2020]\n\n<!-- uncited: worked example, not a claim -->\nFor a 70 kg patient, 560 mg.\n"
        let site = try SiteFixture.make(["iota": SiteFixture.article("Is iota exempt?", body: body)])
        for (mode, shown) in [(Publisher.Mode.review, true), (.publish, false)] {
            let output = try TemporaryFolder()
            _ = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                        output: output.url("Out"), mode: mode, today: TestContent.today))
            let page = try output.read("Out/articles/iota/index.html")
            #expect(page.contains("<p class=\"review-exemption\">Uncited exemption: worked example, not a claim</p>\n<p>For a 70 kg patient")
                    == shown, "\(mode)")
            #expect(page.contains("worked example") == shown, "\(mode)")
        }
    }

    /// An `uncited` comment without a reason exempts nothing: the review build says so on the
    /// article and the dashboard, where it had shown an empty reason and "(no reason given)".
    @Test func anEmptyExemptionIsShownAsExemptingNothing() throws {
        let site = try SiteFixture.make(["gamma": SiteFixture.article("Is gamma exempt?", body: "Cited. [@a2020]\n\n<!-- uncited: -->\nNot exempt.\n")])
        let output = try TemporaryFolder()
        let report = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output.url("Out"), mode: .review, today: TestContent.today))
        #expect(report.diagnostics.filter { $0.rule == .claimUncited }.map(\.line) == [10])
        let shown = "no reason given, so the block after it is not exempt (claim-uncited)"
        #expect(try output.read("Out/articles/gamma/index.html").contains("Uncited exemption at line 9: \(shown)"))
        #expect(try output.read("Out/review/index.html").contains(shown))
    }

    /// A pathway node whose target is missing (`pathway-target`) is drawn without a link in a
    /// review build, on its article's page and the pathways page, in the diagram and the list,
    /// and says so; its finding is still shown. It had linked to the missing heading or page.
    @Test func aPathwayNodeWithAMissingTargetIsNoLinkInAReviewBuild() throws {
        let body = """
            Summary. [@a2020]

            ```pathway
            flowchart TD
              start[Start] --> gone[Gone heading] --> away[Gone article]
              start --> other[Other heading]
              click start "#treatment"
              click gone "#no-such-heading"
              click away "no-such-article"
              click other "beta#nope"
            ```

            ## Treatment

            Treat. [@a2020]

            """
        let site = try SiteFixture.make(["lambda": SiteFixture.article("Is lambda drawn?", body: body),
                                         "beta": SiteFixture.article("Is beta there?", body: "Beta. [@b2021]\n")])
        let output = try TemporaryFolder()
        let report = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output.url("Out"), mode: .review, today: TestContent.today))
        #expect(report.diagnostics.filter { $0.rule == .pathwayTarget }.count == 3, "\(report.diagnostics)")
        let page = try output.read("Out/articles/lambda/index.html")
        let pathways = try output.read("Out/pathways/index.html")
        for (html, name) in [(page, "article"), (pathways, "pathways page")] {
            #expect(html.contains("class=\"pathway-node pathway-box\">") && html.contains("treatment\">Start</a>"), "\(name)")
            for (id, target) in [("gone", "#no-such-heading"), ("away", "no-such-article"), ("other", "beta#nope")] {
                #expect(html.contains("-\(id)\" class=\"pathway-node pathway-box pathway-broken\"><title>Broken link: target “\(target)” not found</title>"),
                        "\(name): \(id)")
                #expect(html.contains("<span class=\"pathway-broken\">(broken link: target “\(target)” not found)</span>"), "\(name): \(id)")
            }
            #expect(!html.contains("no-such-heading\"") && !html.contains("no-such-article/") && !html.contains("index.html#nope"), "\(name)")
        }
        #expect(page.contains("<code>pathway-target</code> line 14: target &#39;#no-such-heading&#39; of node &#39;gone&#39;"), "\(page)")
    }

    /// The temporary content folder's path prefix as it appears in the dashboard.
    static func contentPrefix(_ html: String) throws -> String {
        let range = try #require(html.range(of: "/articles/alpha.md"))
        let start = try #require(html[..<range.lowerBound].range(of: "<code>", options: .backwards))
        return String(html[start.upperBound..<range.lowerBound]) + "/"
    }

    @Test func publicBuildNeverContainsReviewMaterial() throws {
        let site = try SiteFixture.make(Self.articles.merging(["alpha": SiteFixture.article("Is alpha fine?", body: "Cited. [@a2020] [@c2022]\n")]) { $1 })
        let output = try TemporaryFolder()
        let report = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output.url("Out"), mode: .publish, today: ISODate(year: 2025, month: 4, day: 1)))
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let files = try #require(FileManager.default.subpaths(atPath: output.url("Out")))
        #expect(!files.contains { $0.hasPrefix("review") })
        for file in files where file.hasSuffix(".html") {
            let html = try output.read("Out/" + file)
            for marker in ["review-banner", "review-findings", "review-summary", "review-uncited", "Review build"] {
                #expect(!html.contains(marker), "\(file) contains \(marker)")
            }
        }
    }

    /// The public build's feed, sitemap and search index (alpha's uncited claim exempted, so that
    /// it builds; the comment is no part of the summary, and the goldens are the same).
    @Test func feedSitemapAndSearchIndex() throws {
        let alpha = try #require(Self.articles["alpha"]).replacingOccurrences(
            of: "An uncited claim in alpha.", with: "<!-- uncited: a test -->\nAn uncited claim in alpha.")
        let (_, output, report) = try Self.build(.publish, articles: Self.articles.merging(["alpha": alpha]) { $1 })
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        try expectGolden(try output.read("Out/feed.xml"), named: "feed.xml")
        try expectGolden(try output.read("Out/sitemap.xml"), named: "sitemap.xml")
        let search = try JSONSerialization.jsonObject(with: Data(try output.read("Out/search.json").utf8)) as? [[String: Any]]
        #expect(search?.count == 2)
        #expect(search?.first?["question"] as? String == "Is alpha approved?")
        #expect(search?.last?["url"] as? String == "articles/beta/index.html")
        let home = try output.read("Out/index.html")
        #expect(home.contains("data-search=\"is beta &lt;pending&gt; &amp; under review?"))
    }

    /// A review site is not to be indexed: it has no sitemap or feed (they had been the public
    /// build's, offering every article under the public address). Its `search.json` lists every
    /// article it shows with its status, an article without a valid status as `unknown` (as the
    /// dashboard files it; it had read `submitted`).
    @Test func aReviewBuildHasNoSitemapOrFeedAndSearchesEveryArticle() throws {
        let zeta = "---\nquestion: Has zeta a status?\nstatus: draft\nupdated: 2025-03-01\n---\n\nCited. [@a2020]\n"
        let (_, output, _) = try Self.build(.review, articles: Self.articles.merging(["zeta": zeta]) { $1 })
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: output.url("Out/sitemap.xml")) && !fm.fileExists(atPath: output.url("Out/feed.xml")))
        #expect(fm.fileExists(atPath: output.url("Out/review/index.html")))
        let search = try #require(try JSONSerialization.jsonObject(with: Data(try output.read("Out/search.json").utf8)) as? [[String: Any]])
        #expect(search.map { $0["url"] as? String } == ["articles/zeta/index.html", "articles/alpha/index.html", "articles/beta/index.html"])
        #expect(search.map { $0["status"] as? String } == ["unknown", "approved", "submitted"])
    }

    /// An article whose status is missing or invalid (an error, so only in a review build) is
    /// shown as of unknown status, on its page and where other pages list it: it had been shown as
    /// submitted, as if it had entered review.
    @Test func anArticleWithoutAValidStatusIsShownAsOfUnknownStatus() throws {
        let zeta = "---\nquestion: Has zeta a status?\nstatus: draft\nupdated: 2025-03-01\n---\n\nCited. [@a2020]\n"
        let eta = "---\nquestion: Is eta related?\nstatus: submitted\nupdated: 2025-03-01\nrelated: [zeta]\n---\n\nCited. [@a2020]\n"
        let (_, output, _) = try Self.build(.review, articles: ["zeta": zeta, "eta": eta])
        let page = try output.read("Out/articles/zeta/index.html")
        #expect(page.contains("<ol class=\"status-steps status-unknown\" aria-label=\"Review status: Status unknown\">"))
        #expect(!page.contains("step-current") && !page.contains("step-done"))
        #expect(page.contains("<strong>Review status unknown.</strong>") && !page.contains("Pending review."))
        #expect(try output.read("Out/articles/eta/index.html")
            .contains("Has zeta a status?</a> <span class=\"status-tag status-tag-unknown\">Status unknown</span>"))
        #expect(try output.read("Out/questions/index.html").contains("status-tag-unknown"))
    }

    @Test func structuredDataIsValidJSONAndSafeInAScript() throws {
        let (_, output, _) = try Self.build(.review)
        let html = try output.read("Out/articles/beta/index.html")
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        let json = String(html[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "MedicalWebPage")
        #expect(object["name"] as? String == "Is beta <pending> & under review?")
        #expect(object["reviewedBy"] == nil, "only approved articles name reviewers")
        let citations = try #require(object["citation"] as? [[String: Any]])
        #expect(citations.first?["url"] as? String == "https://pubmed.ncbi.nlm.nih.gov/123456/")
        let alpha = try output.read("Out/articles/alpha/index.html")
        #expect(alpha.contains("\"lastReviewed\":\"2025-02-01\""))
        #expect(alpha.contains("\"sameAs\":\"https://doi.org/10.1000/a\""))
    }

    /// A citation's name is the title as the list shows it: Crossref's line breaks and indents, and
    /// its `<scp>` tags, had reached the JSON-LD as they were.
    @Test func citationNamesAreTheListsTitles() {
        let ref = Reference(id: "a", type: "article-journal", title: "Trastuzumab in\n      <scp>HER2</scp>-positive\tcancer")
        #expect(SiteRenderer.citationJSON(ref).contains("\"name\":\"Trastuzumab in HER2-positive cancer\""), "\(SiteRenderer.citationJSON(ref))")
    }
}
