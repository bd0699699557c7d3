import Testing
@testable import GuidelinePress

/// `summary-missing`: an article whose first block is a heading has no answer summary; it is a
/// warning, and its page has no empty summary box (a probe of imported clinical notes).
@Suite struct SummaryMissingTests {
    func findings(_ body: String) throws -> [Diagnostic] {
        let folder = try TestContent.Folder(TestContent.minimalSite(article: SiteFixture.article("Is there a summary?", body: body)))
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .summaryMissing }
    }

    @Test func anArticleThatStartsWithAHeadingHasNoSummary() throws {
        let found = try findings("## Dosing\n\nGive it. [@smith2020]\n")
        #expect(found.map(\.severity) == [.warning])
        #expect(found.first?.message.hasPrefix("the article has no summary") == true)
        #expect(found.first?.line == 7 && found.first?.column == 1)
        // A comment or a pathway before the heading is no summary either; text, a list, a table
        // or a quote is.
        #expect(try findings("<!-- note -->\n\n## Dosing\n\nGive it. [@smith2020]\n").count == 1)
        for summary in ["Give it. [@smith2020]", "- Give it. [@smith2020]", "> Give it. [@smith2020]",
                        "| Drug [@smith2020] |\n|---|\n| A |"] {
            #expect(try findings("\(summary)\n\n## Dosing\n\nMore. [@smith2020]\n").isEmpty, "\(summary)")
        }
    }

    @Test func aPageWithoutASummaryHasNoEmptySummaryBox() throws {
        let site = try SiteFixture.make(["lone": SiteFixture.article("Is there a box?", body: "## Dosing\n\nGive it. [@a2020]\n"),
                                         "full": SiteFixture.article("Is there a summary?", body: "Yes. [@a2020]\n")])
        let output = try TemporaryFolder()
        _ = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output.url("Out"), mode: .publish, today: TestContent.today))
        #expect(!(try output.read("Out/articles/lone/index.html")).contains("class=\"summary\""))
        #expect(try output.read("Out/articles/full/index.html").contains("class=\"summary\""))
    }
}
