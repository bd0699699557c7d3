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
}
