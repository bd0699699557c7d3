import Foundation
import Testing
@testable import GuidelinePress

/// The fast JSON reader of bibliographies gives `JSONDecoder`'s value whenever it answers, and
/// gives up (leaving the file to the decoder) on what it cannot be sure of.
@Suite struct CSLJSONReaderTests {
    static func decoded(_ text: String) -> CSLValue? {
        try? JSONDecoder().decode(CSLValue.self, from: Data(text.utf8))
    }

    /// Texts, numbers, literals, escapes of every kind, surrogate pairs, nesting, white space.
    static let documents = [
        #"[]"#, #"{}"#, #" [ ] "#, "\n\t{\r\n}\n",
        #"[{"id": "smith2020", "title": "A \"quoted\" title\\with\/slashes", "volume": 40, "page": "12-19"}]"#,
        #"[{"author": [{"family": "Müller", "given": "J"}, {"literal": "WHO"}], "issued": {"date-parts": [[2020, 5, 1]]}}]"#,
        #"{"items": [{"id": "a", "PMID": 12345678, "note": "\b\f\n\r\t\u0041\u00e9\u4e2d\ud83d\ude00\u0000"}]}"#,
        #"[1, -1, 0, -0, 1.5, -2.25, 1e-3, 3.14159, 9223372036854775807, -9223372036854775808, true, false, null]"#,
        #"[[[[[]]]], {"a": {"b": {"c": [null]}}}]"#,
        "[\"é中😀\", \"tab\\tand newline\\n\"]",
    ]

    @Test(arguments: documents)
    func readsAsTheDecoderDoes(_ text: String) throws {
        let read = try #require(CSLValue.readJSON(text), "the reader gave up on \(text)")
        #expect(read == Self.decoded(text))
    }

    /// What the reader leaves to the decoder: invalid JSON, duplicate keys, lone surrogates,
    /// integers beyond 64 bits, numbers with a fraction or exponent of integral value, a byte-order
    /// mark, a scalar at the top, nesting past the limit.
    static let givenUp = [
        #"[1,]"#, #"{"a" 1}"#, #"[01]"#, #"[1.]"#, #"[.5]"#, #"[1e]"#, #"["a\x"]"#, "[\"a\u{1}b\"]", #"["a"#,
        #"[tru]"#, #"[] x"#, #"{"a": 1, "a": 2}"#, #"["\ud800"]"#, #"["\udc00x"]"#, #"["\ud800\u0041"]"#,
        #"[18446744073709551616]"#, #"[1.0]"#, #"[1e2]"#, "\u{FEFF}[]", #""text""#, #"42"#,
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ]

    @Test(arguments: givenUp)
    func leavesToTheDecoder(_ text: String) {
        #expect(CSLValue.readJSON(text) == nil)
    }

    /// Random CSL-like documents written by `JSONSerialization` (which escapes as it likes): the
    /// reader reads every one, as the decoder does.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomDocuments(_ seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let words = ["smith2020", "Müller", "a \"b\" c", "back\\slash", "line\nbreak", "tab\t", "中文", "😀", "", "/",
                     "<i>Title</i>", "\u{7F}", "\u{2028}", "doi:10.1000/x:y"]
        func value(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &random) {
            case 0: return words.randomElement(using: &random)!
            case 1: return Int.random(in: -100_000...100_000_000, using: &random)
            case 2: return Double(Int.random(in: 1...9_999, using: &random)) + 0.25
            case 3: return [true, false, NSNull()].randomElement(using: &random)!
            case 4, 5:
                var object: [String: Any] = [:]
                for _ in 0..<Int.random(in: 0...5, using: &random) { object[words.randomElement(using: &random)!] = value(depth + 1) }
                return object
            default: return (0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth + 1) }
            }
        }
        for _ in 0..<50 {
            let items = (0..<Int.random(in: 0...6, using: &random)).map { _ in value(1) }
            let options: JSONSerialization.WritingOptions = Bool.random(using: &random) ? [.prettyPrinted] : []
            let text = String(decoding: try JSONSerialization.data(withJSONObject: items, options: options), as: UTF8.self)
            let read = try #require(CSLValue.readJSON(text), "the reader gave up on \(text)")
            #expect(read == Self.decoded(text), "\(text)")
        }
    }

    /// The bibliography of the test fixtures reads the same both ways.
    @Test func fixtureBibliography() throws {
        let url = try #require(Bundle.module.url(forResource: "breast", withExtension: "json", subdirectory: "Fixtures/references"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let read = try #require(CSLValue.readJSON(text))
        #expect(read == Self.decoded(text))
    }
}
