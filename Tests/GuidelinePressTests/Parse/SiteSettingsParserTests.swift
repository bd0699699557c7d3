import Testing
@testable import GuidelinePress

/// `site.yaml`: its required settings, its disclaimer (an article page showed an empty
/// "Professional medical disclaimer" when the setting was absent or empty, eighteenth session;
/// now the default stands in for an empty one) and its base URL.
@Suite struct SiteSettingsParserTests {
    /// Every required setting but `base_url` and `disclaimer`, each test's subject.
    static let rest = "language: en\neditorial_policy: policy\nreview_interval_days: 365\nboard: []\n"
    /// Every required setting but `disclaimer`.
    static let start = "title: T\nbase_url: https://t.example.org/\n" + rest

    /// The contract's `site.yaml` marks only `ask_url` optional: every other setting missing is
    /// `site-invalid`, each on its own at the top of the file (twenty-first session: a site.yaml
    /// of `title:` alone built a site titled as written, in English, with no policy link).
    @Test func eachMissingRequiredSettingIsReported() {
        let (settings, diagnostics) = SiteSettingsParser.parse("title: T\nask_url: mailto:board@example.org\n", file: "site.yaml")
        #expect(diagnostics.map(\.message) == ["base_url", "language", "editorial_policy", "review_interval_days",
                                                "disclaimer", "board"].map { "required setting '\($0)' is missing" })
        #expect(diagnostics.allSatisfy { $0.rule == .siteInvalid && $0.severity == .error && $0.line == 1 && $0.column == 1
                && $0.file == "site.yaml" })
        // The build goes on with the defaults.
        #expect(settings.title == "T" && settings.reviewIntervalDays == 365 && settings.disclaimer == SiteSettings.defaultDisclaimer)
        #expect(SiteSettingsParser.requiredKeys == SiteSettingsParser.keys.filter { $0 != "ask_url" })
        // All of them given, with no ask_url: no finding.
        #expect(SiteSettingsParser.parse(Self.start + "disclaimer: For clinicians.\n", file: "site.yaml").1.isEmpty)
    }

    /// A setting given but empty is not missing (the value's own checks apply).
    @Test func anEmptyDisclaimerGivesTheDefaultAnAbsentOneIsMissing() {
        for text in [Self.start + "disclaimer:\n", Self.start + "disclaimer: \"  \"\n", Self.start + "disclaimer: # the default\n"] {
            let (settings, diagnostics) = SiteSettingsParser.parse(text, file: "site.yaml")
            #expect(diagnostics.isEmpty, "\(text): \(diagnostics)")
            #expect(settings.disclaimer == SiteSettings.defaultDisclaimer)
            #expect(settings.disclaimer.contains("healthcare professionals"))
        }
        let (settings, diagnostics) = SiteSettingsParser.parse(Self.start, file: "site.yaml")
        #expect(diagnostics.map(\.message) == ["required setting 'disclaimer' is missing"])
        #expect(settings.disclaimer == SiteSettings.defaultDisclaimer)
    }

    /// A title, language or policy given as a list or left empty, or a language that is no tag,
    /// had been passed over in silence: the site went out titled "Guideline Press" in English.
    @Test func textSettingsThatAreNoTextOrEmptyAreReported() {
        let base = "base_url: https://t.example.org/\nreview_interval_days: 365\nboard: []\ndisclaimer:\n"
        func messages(_ text: String) -> [String] { SiteSettingsParser.parse(base + text, file: "site.yaml").1.map(\.message) }
        #expect(messages("title: [A, B]\nlanguage: en\neditorial_policy: p\n") == ["'title' must be text"])
        #expect(messages("title:\nlanguage: ''\neditorial_policy: '  '\n") == ["'title' is empty", "'language' is empty", "'editorial_policy' is empty"])
        #expect(messages("title: T\nlanguage: English\neditorial_policy: p\n")
                == ["language 'English' is not a language tag such as 'en' or 'en-GB'"])
        let (settings, found) = SiteSettingsParser.parse(base + "title: ' T '\nlanguage: en-GB\neditorial_policy: p\n", file: "site.yaml")
        #expect(found.isEmpty && settings.title == "T" && settings.language == "en-GB")
        for tag in ["en", "fr-CA", "zh-Hant-TW", "es-419"] { #expect(SiteSettingsParser.isLanguageTag(tag), "\(tag)") }
        for tag in ["e", "english", "en_GB", "en-", "-en", "en-toolongsubtag", "en GB"] { #expect(!SiteSettingsParser.isLanguageTag(tag), "\(tag)") }
    }

    @Test func aWrittenDisclaimerIsShownAsWritten() {
        let (settings, diagnostics) = SiteSettingsParser.parse(Self.start + "disclaimer: >\n  For clinicians.\n  Check doses.\n", file: "site.yaml")
        #expect(diagnostics.isEmpty)
        #expect(settings.disclaimer == "For clinicians. Check doses.")
    }

    @Test func aDisclaimerThatIsNoTextIsReported() {
        let (settings, diagnostics) = SiteSettingsParser.parse(Self.start + "disclaimer:\n  - one\n  - two\n", file: "site.yaml")
        #expect(diagnostics.map(\.rule) == [.siteInvalid])
        #expect(diagnostics.first?.line == 8)
        #expect(settings.disclaimer == SiteSettings.defaultDisclaimer)
    }

    /// `base_url` must be an absolute http(s) URL the build can append paths to (a probe had
    /// `https://` give `https://articles/…` and a fragment swallow every path); scheme and host in
    /// any case, written in lowercase.
    @Test(arguments: [
        ("https://guidelines.example.org/", "https://guidelines.example.org/"),
        ("https://guidelines.example.org", "https://guidelines.example.org/"),
        ("HTTPS://GUIDELINES.EXAMPLE.ORG/Answers", "https://guidelines.example.org/Answers/"),
        ("http://localhost:8080/site/", "http://localhost:8080/site/"),
        ("https://example.org:65535/", "https://example.org:65535/"),
        ("https://[::1]:8443/", "https://[::1]:8443/"),
        ("https://xn--bcher-kva.example/a%20b/", "https://xn--bcher-kva.example/a%20b/"),
        ("https://bücher.example/", "https://bücher.example/"),
    ])
    func validBaseURLs(_ written: String, _ used: String) {
        let (settings, diagnostics) = SiteSettingsParser.parse("title: T\nbase_url: \"\(written)\"\ndisclaimer:\n" + Self.rest, file: "site.yaml")
        #expect(diagnostics.isEmpty, "\(written): \(diagnostics)")
        #expect(settings.baseURL == used)
    }

    @Test(arguments: [
        "https://", "https:///path", "https://x y.example/", "https://x.example/?a=1", "https://x.example/#frag",
        #"https://x.example/"<b>/"#, "https://[::1/", "https://x.example:port/", "https://user@x.example/",
        "ftp://x.example/", "//x.example/", "x.example", "https://.example/", "https://x.example/a b/",
        "https://guidelines\u{A0}example.org/", "https://example.org/a\u{A0}b/", "https://example.org/a\u{200B}b/",
        "https://example.org:99999/", "https://example.org:65536/",
    ])
    func invalidBaseURLs(_ written: String) {
        let (_, diagnostics) = SiteSettingsParser.parse("title: T\nbase_url: '\(written)'\ndisclaimer:\n" + Self.rest, file: "site.yaml")
        #expect(diagnostics.map(\.rule) == [.siteInvalid], "\(written)")
        #expect(diagnostics.first?.line == 2)
    }

    /// Nesting past the YAML parser's safe depth, in brackets or by indentation, says which.
    @Test func deepNestingNamesItsLimit() {
        let flow = "title: T\nboard: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n"
        var indented = "title: T\nboard:\n"
        for level in 0..<34 { indented += String(repeating: " ", count: 4 * level) + "k\(level):\n" }
        for text in [flow, indented] {
            let (_, diagnostics) = SiteSettingsParser.parse(text, file: "site.yaml")
            #expect(diagnostics.first?.message.contains("deeper than 64 levels, or is indented more than 128 columns") == true,
                    "\(diagnostics)")
        }
    }
}
