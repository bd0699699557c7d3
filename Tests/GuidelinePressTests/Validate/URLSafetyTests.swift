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
    }
}
