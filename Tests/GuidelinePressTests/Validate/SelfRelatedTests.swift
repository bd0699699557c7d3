import Testing
@testable import GuidelinePress

/// An article in its own `related` list is `field-invalid` (eighteenth session: its page linked to
/// itself under "Related questions").
@Suite struct SelfRelatedTests {
    @Test func anArticleRelatedToItselfIsReportedAtTheItem() throws {
        let (report, _) = try TestContent.publishedPage(of: SiteFixture.article("Which dose?", related: ["test"], body: "Give it. [@smith2020]\n"))
        let findings = report.diagnostics.filter { $0.rule == .fieldInvalid }
        #expect(findings.count == 1, "\(report.diagnostics)")
        #expect(findings.first?.message == "'test' is this article: an article is not related to itself")
        #expect(findings.first?.line == 5 && findings.first?.column == 11)
        #expect(report.errorCount == 1)
    }
}
