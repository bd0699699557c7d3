import Testing
@testable import GuidelinePress

/// URL schemes as browsers read them: case, and control characters and spaces inside, ignored.
@Suite struct URLSafetyTests {
    @Test(arguments: [
        ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:x", "javascript"), ("java\tscript:x", "javascript"),
        (" \u{1}data:text/html,x", "data"), ("vb\u{7F}script:x", "vbscript"), ("java\nscript:x", "javascript"),
        ("https://example.org", "https"), ("mailto:a@b.org", "mailto"), ("a+b-c.d:x", "a+b-c.d"), ("x1:y", "x1"),
    ])
    func schemes(_ url: String, _ scheme: String) {
        #expect(URLSafety.scheme(of: url) == scheme)
    }

    @Test(arguments: [
        "slug.md", "slug.md#a:b", ":x", "", "#javascript:x", "./x:y", "jav\u{E9}script:x", "\u{FF4A}avascript:x",
        "java script", "\u{200B}javascript:x", "../a/b.md", "a/b:c",
    ])
    func relativeURLsHaveNoScheme(_ url: String) {
        #expect(URLSafety.scheme(of: url) == nil)
    }

    @Test func unsafeAndExternal() {
        #expect(URLSafety.isUnsafe("JAVASCRIPT:x") && URLSafety.isUnsafe(" data:x") && !URLSafety.isUnsafe("https://x"))
        #expect(URLSafety.isSafeExternal("HTTPS://x") && !URLSafety.isSafeExternal("ftp://x") && !URLSafety.isSafeExternal("x.md"))
    }

    /// Found by probing: a `javascript:` link behind a no-break space vanished from the page with no
    /// finding; `file:` links and `//host` links (which lead nowhere from file://) were published.
    @Test func linksThatWereLetThrough() throws {
        func findings(_ body: String) throws -> [String] {
            let article = "---\nquestion: Is this valid?\nstatus: submitted\nupdated: 2025-06-01\n---\n\n\(body) [@smith2020]\n"
            let folder = try TestContent.Folder(TestContent.minimalSite(article: article))
            defer { folder.remove() }
            return try TestContent.check(folder.path).diagnostics.map { "\($0.rule.rawValue): \($0.message)" }
        }
        #expect(try findings("Text [a](<\u{A0}javascript:alert(1)>).") == ["url-unsafe: link uses the unsafe scheme 'javascript:'"])
        #expect(try findings("Text [a](file:///etc/passwd).") == ["url-unsafe: link uses the unsafe scheme 'file:'"])
        let protocolRelative = try findings("Text [a](//evil.example/x).")
        #expect(protocolRelative.count == 1 && protocolRelative[0].hasPrefix("link-broken:")
                && protocolRelative[0].contains("write https://evil.example/x"))
        #expect(try findings("Text [a](https://example.org/x).").isEmpty)
        #expect(try findings("Call [the line](tel:+441234567890) or [write](mailto:board@example.org).").isEmpty)
        // Only the web, e-mail and the telephone: a block list had let these through as live links.
        for scheme in ["ms-msdt", "search-ms", "mhtml", "blob", "ftp", "doi", "c"] {
            #expect(try findings("Text [a](\(scheme):x/y).")
                    == ["url-unsafe: link uses the scheme '\(scheme):', which a page may not link to (links use http, https, mailto or tel)"])
        }
    }

    /// Links in a citation's prefix or suffix are shown as their text, and checked like any other:
    /// an unsafe or broken one had gone without a finding.
    @Test func linksInsideCitationsAreChecked() throws {
        let article = "---\nquestion: Is this valid?\nstatus: submitted\nupdated: 2025-06-01\n---\n\n"
            + "Text [see [the tool](javascript:alert(1)) @smith2020, p. [3](missing.md); *[ok](https://example.org)* @smith2020].\n"
        let folder = try TestContent.Folder(TestContent.minimalSite(article: article))
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.map { "\($0.rule.rawValue) \($0.line ?? 0):\($0.column ?? 0)" }
        #expect(found.sorted() == ["link-broken 7:58", "url-unsafe 7:11"], "\(found)")
    }

    /// In a review build (a public one stops at the finding) the link is its text alone.
    @Test func onlyAllowedSchemesBecomeLinks() throws {
        let folder = try TestContent.Folder(TestContent.minimalSite(article: """
            ---
            question: Is this valid?
            status: submitted
            updated: 2025-06-01
            ---

            Open [the tool](ms-msdt:/id%20PCWDiagnostic) or [the trial](https://example.org/t). [@smith2020]
            """))
        defer { folder.remove() }
        let output = folder.url("Review").path
        _ = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output, mode: .review, today: TestContent.today))
        let html = try String(contentsOfFile: output + "/articles/test/index.html", encoding: .utf8)
        #expect(!html.contains("href=\"ms-msdt"))
        #expect(html.contains("Open the tool or <a href=\"https://example.org/t\""))
    }
}
