import Testing
@testable import GuidelinePress

/// `site.yaml`'s disclaimer: an article page showed an empty "Professional medical disclaimer"
/// when the setting was absent or empty (eighteenth session); now the default stands in.
@Suite struct SiteSettingsParserTests {
    static let start = "title: T\nbase_url: https://t.example.org/\n"

    @Test func anAbsentOrEmptyDisclaimerGivesTheDefault() {
        for text in [Self.start, Self.start + "disclaimer:\n", Self.start + "disclaimer: \"  \"\n"] {
            let (settings, diagnostics) = SiteSettingsParser.parse(text, file: "site.yaml")
            #expect(diagnostics.isEmpty, "\(text): \(diagnostics)")
            #expect(settings.disclaimer == SiteSettings.defaultDisclaimer)
            #expect(settings.disclaimer.contains("healthcare professionals"))
        }
    }

    @Test func aWrittenDisclaimerIsShownAsWritten() {
        let (settings, diagnostics) = SiteSettingsParser.parse(Self.start + "disclaimer: >\n  For clinicians.\n  Check doses.\n", file: "site.yaml")
        #expect(diagnostics.isEmpty)
        #expect(settings.disclaimer == "For clinicians. Check doses.")
    }

    @Test func aDisclaimerThatIsNoTextIsReported() {
        let (settings, diagnostics) = SiteSettingsParser.parse(Self.start + "disclaimer:\n  - one\n  - two\n", file: "site.yaml")
        #expect(diagnostics.map(\.rule) == [.siteInvalid])
        #expect(diagnostics.first?.line == 4)
        #expect(settings.disclaimer == SiteSettings.defaultDisclaimer)
    }
}
