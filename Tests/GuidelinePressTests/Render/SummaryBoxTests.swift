import Foundation
import Testing
@testable import GuidelinePress

/// The summary box holds the blocks before the first heading in the order they were written; only
/// a pathway written there is drawn after the box (hostile-input probe, seventeenth session: a code
/// block was moved below the box, away from the paragraph that refers to it).
@Suite struct SummaryBoxTests {
    @Test func blocksBeforeTheFirstHeadingKeepTheirOrder() throws {
        let (report, html) = try TestContent.publishedPage(of: SiteFixture.article("Which dose?", body: """
            First paragraph. [@smith2020]

            ```
            Step 1: give 5 mg
            ```

            Second paragraph, about the code above. [@smith2020]

            ```pathway
            flowchart TD
              a[Start] --> b[Dose]
              click a "#dose"
              click b "#dose"
            ```

            ## Dose

            Body. [@smith2020]

            """))
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let box = try #require(html.range(of: "<section class=\"summary\""))
        let boxEnd = try #require(html.range(of: "</section>", range: box.upperBound..<html.endIndex))
        let summary = html[box.upperBound..<boxEnd.lowerBound]
        let first = try #require(summary.range(of: "First paragraph."))
        let code = try #require(summary.range(of: "Step 1: give 5 mg"))
        let second = try #require(summary.range(of: "Second paragraph"))
        #expect(first.lowerBound < code.lowerBound && code.lowerBound < second.lowerBound)
        #expect(!summary.contains("<svg"))
        let svg = try #require(html.range(of: "<svg", range: boxEnd.upperBound..<html.endIndex))
        let heading = try #require(html.range(of: "id=\"dose\"", range: boxEnd.upperBound..<html.endIndex))
        #expect(svg.lowerBound < heading.lowerBound)
    }
}
