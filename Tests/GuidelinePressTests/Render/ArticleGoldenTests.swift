import Foundation
import Testing
@testable import GuidelinePress

/// One article rendered through the real templates, compared byte for byte with a golden file
/// (re-record with `RECORD_GOLDEN=1 swift test --filter ArticleGolden`).
@Suite struct ArticleGoldenTests {
    static let main = """
        ---
        question: Which first-line regimen is preferred for HER2-positive disease?
        status: approved
        updated: 2025-10-01
        reviewed:
          by: [mlee]
          on: 2025-10-02
        topics: [metastatic]
        related: [dosing]
        ---

        Dual HER2 blockade with a taxane is preferred. [@a2020]

        ```pathway
        flowchart TD
          first[First line] -->|progression| second[Second line]
          click first "#first-line"
          click second "dosing#lapatinib"
        ```

        ## First line

        - Pertuzumab, trastuzumab and a taxane. [@a2020; @b2021]
        - See [dosing](dosing.md#lapatinib) and the [policy](../pages/editorial-policy.md). [@c2022]

        | Drug | Dose |
        |---|--:|
        | Lapatinib | 1,250 mg [@c2022, p. 2] |
        """

    static let dosing = """
        ---
        question: What are the lapatinib doses?
        status: under-review
        updated: 2025-09-01
        related: [main]
        ---

        Doses differ by partner drug. [@c2022]

        ## Lapatinib

        With capecitabine, 1,250 mg once daily. [@c2022]
        """

    @Test func articlePageMatchesItsGoldenFile() throws {
        let site = try SiteFixture.make(["main": Self.main, "dosing": Self.dosing])
        let output = try TemporaryFolder()
        let report = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output.url("Site"), mode: .publish,
                                             today: ISODate(year: 2026, month: 1, day: 1)))
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        try expectGolden(try output.read("Site/articles/main/index.html"), named: "article-main.html")
        let dosing = try output.read("Site/articles/dosing/index.html")
        #expect(dosing.contains("Pending review."))
        #expect(dosing.contains("../main/index.html#pathway-1-second"), "heading links back to its pathway node")
        #expect(dosing.contains("Appears in the treatment pathway of"))
    }
}
