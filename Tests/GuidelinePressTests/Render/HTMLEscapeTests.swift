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

/// `href` values: unsafe bytes percent-encoded as cmark encodes them, `&` and `'` escaped, all else kept.
@Suite struct AttributeURLTests {
    /// The definition the fast path replaced: percent-encode byte by byte, then ``HTML/escape(_:)``.
    static func byDefinition(_ url: String) -> String {
        var out = ""
        for byte in url.utf8 {
            switch byte {
            case 0x21...0x7E where !"\"<>`\\[]".utf8.contains(byte):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return HTML.escape(out)
    }

    @Test func examples() {
        #expect(HTML.attributeURL("../a-b/index.html#dose") == "../a-b/index.html#dose")
        #expect(HTML.attributeURL("https://x.org/a b?q=1&r='2'") == "https://x.org/a%20b?q=1&amp;r=&#39;2&#39;")
        #expect(HTML.attributeURL("x\"><script>[1]`\\") == "x%22%3E%3Cscript%3E%5B1%5D%60%5C")
        #expect(HTML.attributeURL("µ\u{0}\n") == "%C2%B5%00%0A")
    }

    /// Every byte, alone and among others, gives what the definition gives.
    @Test func asByDefinition() {
        var random = SeededGenerator(seed: 11)
        var pieces = (0..<0x80).map { String(Unicode.Scalar(UInt8($0))) }
        pieces += ["é", "😀", "\u{FFFE}", "a", "/", "index.html", "#x"]
        for piece in pieces {
            #expect(HTML.attributeURL(piece) == Self.byDefinition(piece), "\(piece.debugDescription)")
        }
        for _ in 0..<2_000 {
            let url = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(HTML.attributeURL(url) == Self.byDefinition(url), "\(url.debugDescription)")
        }
    }
}
