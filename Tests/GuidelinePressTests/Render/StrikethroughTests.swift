import Foundation
import Testing
@testable import GuidelinePress

/// Strikethrough takes two tildes. With GitHub's single tilde, pandoc's subscript in a lab unit
/// (`10~9~/L`) was published as "10", a struck-out "9" and "/L" (second hostile-input probe,
/// seventeenth session): a reader sees a different unit.
@Suite struct StrikethroughTests {
    @Test func singleTildesStayAsWrittenAndDoubleTildesStrike() throws {
        let (report, html) = try TestContent.publishedPage(of: SiteFixture.article("Which count?", body: """
            Hold the dose below 100 × 10~9~/L platelets. [@smith2020]

            The ~~old advice~~ was withdrawn. [@smith2020]

            """))
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(html.contains("100 × 10~9~/L platelets"))
        #expect(html.contains("<del>old advice</del>"))
        #expect(html.components(separatedBy: "<del>").count == 2)
    }
}
