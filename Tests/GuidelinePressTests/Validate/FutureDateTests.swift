import Foundation
import Testing
@testable import GuidelinePress

/// A date after the build's today is `field-invalid` (second hostile-input probe, seventeenth
/// session): `reviewed.on: 2099-…` kept an approval from ever being overdue, and a future `updated`
/// put the article first in every list by date. One day of grace covers authors east of the build.
@Suite struct FutureDateTests {
    static func article(updated: String, reviewedOn: String) -> String {
        """
        ---
        question: Which dose?
        status: approved
        updated: \(updated)
        reviewed:
          by: [mlee]
          on: \(reviewedOn)
        ---

        Give the dose. [@smith2020]

        """
    }

    static func futureFindings(_ article: String) throws -> [Diagnostic] {
        let (report, _) = try TestContent.publishedPage(of: article)
        return report.diagnostics.filter { $0.rule == .fieldInvalid }
    }

    @Test func todayAndTomorrowAreAccepted() throws {
        // TestContent.today is 2026-01-01.
        #expect(try Self.futureFindings(Self.article(updated: "2026-01-01", reviewedOn: "2026-01-02")).isEmpty)
    }

    @Test func laterDatesAreReportedWhereTheyAreWritten() throws {
        let findings = try Self.futureFindings(Self.article(updated: "2026-01-03", reviewedOn: "2099-01-01"))
        #expect(findings.count == 2, "\(findings)")
        #expect(findings.map(\.line) == [4, 7])
        #expect(findings.allSatisfy { $0.severity == .error && $0.message.contains("in the future (today is 2026-01-01)") })
        #expect(findings.first?.message.contains("`updated` 2026-01-03") == true)
        #expect(findings.last?.message.contains("`reviewed.on` 2099-01-01") == true)
    }
}
