import Foundation
import Testing
@testable import GuidelinePress

/// Heading anchors stay GitHub's (authors link to them); the template's own elements step aside:
/// a closing `## References` gave the page two `id="references"`, and `## Ref 1` took the first
/// citation's link target.
@Suite struct PageElementIDsTests {
    @Test func headingsKeepTheirAnchorsAndTheTemplatesIDsStepAside() throws {
        let article = TestContent.validArticle + """
            ## References

            See [the list](#references). [@smith2020]

            ## Ref 1

            More. [@smith2020]

            ## Main

            Also. [@smith2020]

            """
        let (report, html) = try TestContent.publishedPage(of: article)
        #expect(report.errorCount == 0)
        let ids = html.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        #expect(ids.contains("references") && ids.contains("ref-1") && ids.contains("main"))  // the headings'
        #expect(ids.contains("gp-references") && ids.contains("gp-ref-1") && ids.contains("gp-main"))  // the template's
        #expect(html.contains("<a href=\"#references\">the list</a>"))
        #expect(html.contains("<a href=\"#gp-ref-1\">1</a>"))
        #expect(html.contains("href=\"#gp-main\">Skip to content</a>"))
        for target in html.matches(of: /href="#([^"]+)"/).map({ String($0.1) }) {
            #expect(ids.contains(target), "#\(target) leads nowhere")
        }
        #expect(PageElementIDs(taken: ["ref-2", "gp-ref-10"]).referencePrefix == "gp-gp-ref-")
        #expect(PageElementIDs(taken: ["ref-a", "ref-"]).referencePrefix == "ref-")
    }

    /// A review build's ids step aside too: `## Finding 1` shared its id with the first finding, and
    /// the dashboard linked to `#review-summary` after the findings had moved to `gp-review-summary`.
    @Test func reviewIDsStepAsideFromHeadings() throws {
        let folder = try SiteFixture.make(["a": SiteFixture.article("Which finding?", body: """
            Yes. [@a2020]

            ## Finding 1

            Uncited here.

            ## Review summary

            Also uncited.

            """)])
        let output = folder.url("Review")
        let report = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output, mode: .review, today: TestContent.today))
        #expect(report.errorCount == 2)
        let html = try String(contentsOfFile: output + "/articles/a/index.html", encoding: .utf8)
        let ids = html.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        #expect(ids.contains("gp-finding-1") && ids.contains("gp-finding-2") && ids.contains("gp-review-summary"))
        for target in html.matches(of: /href="#([^"]+)"/).map({ String($0.1) }) {
            #expect(ids.contains(target), "#\(target) leads nowhere")
        }
        let dashboard = try String(contentsOfFile: output + "/review/index.html", encoding: .utf8)
        #expect(dashboard.contains("href=\"../articles/a/index.html#gp-review-summary\""))
    }

    /// A pathway's figure and node ids step aside from the headings' too: `## Pathway 1 a` and the
    /// first pathway's node `a` were both `id="pathway-1-a"` (probe).
    @Test func pathwayIDsStepAsideFromHeadings() throws {
        let (report, html) = try TestContent.publishedPage(of: SiteFixture.article("Which path?", body: """
            Yes. [@smith2020]

            ## Pathway 1 a

            Text. [@smith2020]

            ```pathway
            flowchart TD
              a[A] --> b[B]
              click a "#pathway-1-a"
              click b "#pathway-1-a"
            ```

            """))
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let ids = html.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        #expect(ids.contains("pathway-1-a") && ids.contains("gp-pathway-1-a") && ids.contains("gp-pathway-1"))
        for target in html.matches(of: /href="#([^"]+)"/).map({ String($0.1) }) {
            #expect(ids.contains(target), "#\(target) leads nowhere")
        }
    }
}
