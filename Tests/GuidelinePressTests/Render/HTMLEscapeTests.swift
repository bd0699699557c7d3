import Testing
@testable import GuidelinePress

/// The one escaper: markup characters escaped, characters HTML and XML forbid dropped, all else kept.
@Suite struct HTMLEscapeTests {
    @Test func markupIsEscaped() {
        #expect(HTML.escape(#"<a href="x">Tom & 'Jerry'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
    }

    @Test(arguments: [0x0, 0x7, 0x1B, 0x7F, 0x85, 0x9F, 0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFE, 0x2FFFF, 0x10FFFF] as [UInt32])
    func forbiddenCharactersAreDropped(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(HTML.escape("a" + String(scalar) + "b") == "ab")
    }

    @Test func everythingElseIsKept() {
        let text = "Tab\tline\nCR\r µg/m² ≥ 3 — naïve 😀 \u{1F3FB} \u{10FFFD} \u{A0}"
        #expect(HTML.escape(text) == text)
    }
}
