import Foundation
import Testing
@testable import GuidelinePress

/// JSON text for `search.json` and the JSON-LD in pages: it reads back as what was written, and in
/// a script it holds nothing that could end the script element or a JavaScript string.
@Suite struct JSONTextTests {
    static let samples = ["", "plain text", "quote \" backslash \\ slash /", "tab\tline\nreturn\r",
                          "</script><!-- & -->", "\u{0}\u{1}\u{1F}\u{7F}", "line\u{2028}para\u{2029}end",
                          "é ü — 😀 \u{E2}", "\u{2027}\u{202A}", String(repeating: "a<", count: 300)]

    @Test(arguments: samples)
    func readsBackAndIsSafeInAScript(_ text: String) throws {
        for forScript in [true, false] {
            let json = JSONText.string(text, forScript: forScript)
            let read = try JSONSerialization.jsonObject(with: Data(("[" + json + "]").utf8)) as? [String]
            #expect(read == [text])
            #expect(!json.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
            if forScript { #expect(!json.contains("<") && !json.contains(">") && !json.contains("&")) }
        }
    }

    @Test func objectsKeepTheirKeysInOrder() throws {
        let json = JSONText.object([("b", JSONText.string("x\"")), ("a", JSONText.array(["1", "true"])), ("c<", "null")])
        #expect(json == #"{"b":"x\"","a":[1,true],"c\u003c":null}"#)
    }

    /// An object whose last member is a list, written in one string, is the object of the pairs
    /// with that list: with and without other pairs, with an empty list and with one item.
    @Test func objectWithALastListIsTheObjectOfThePairs() {
        let pairs = [("b", JSONText.string("x\"")), ("c<", "null")]
        for items in [[], ["1"], [JSONText.string("a"), "{}", "[2]"]] {
            for head in [pairs, []] {
                #expect(JSONText.object(head, lastKey: "list>", array: items)
                        == JSONText.object(head + [("list>", JSONText.array(items))]))
            }
        }
        #expect(JSONText.object([("a", "1")], lastKey: "c", array: ["2", "3"]) == #"{"a":1,"c":[2,3]}"#)
    }
}
