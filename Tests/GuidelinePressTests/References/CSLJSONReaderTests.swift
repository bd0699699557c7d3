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

    /// The grammar check before the decoder: every valid document passes it (the valid ones above,
    /// those the reader leaves to the decoder for other reasons, random ones); each break of the
    /// grammar is found at its line, the trailing commas `JSONDecoder` would accept among them.
    @Test func grammarCheckPassesValidJSON() throws {
        let validButLeft = [#"{"a": 1, "a": 2}"#, #"["\ud800"]"#, #"[18446744073709551616]"#, #"[1.0]"#, #"[1e2]"#,
                            #""text""#, #"42"#, String(repeating: "[", count: 300) + String(repeating: "]", count: 300)]
        for text in Self.documents + validButLeft {
            #expect(CSLValue.jsonSyntaxFault(in: text) == nil, "\(text)")
        }
        var random = SeededGenerator(seed: 9)
        let words = ["a \"b\" c", "back\\slash", "line\nbreak", "中文", "😀", "\u{7F}", "/", ""]
        func value(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth > 3 ? 3 : 5), using: &random) {
            case 0: return words.randomElement(using: &random)!
            case 1: return [Int.random(in: -9_999...9_999, using: &random), 0.125, true, NSNull()].randomElement(using: &random)!
            case 2: return [String: Any]()
            case 3: return Dictionary(uniqueKeysWithValues: words.shuffled(using: &random).prefix(3).map { ($0, value(depth + 1)) })
            default: return (0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth + 1) }
            }
        }
        for _ in 0..<100 {
            let data = try JSONSerialization.data(withJSONObject: [value(1), value(1)], options: [.prettyPrinted])
            #expect(CSLValue.jsonSyntaxFault(in: String(decoding: data, as: UTF8.self)) == nil)
        }
    }

    @Test func grammarCheckFindsTheFault() throws {
        let broken: [(String, Int, String)] = [
            ("[\n {\"id\": \"a\", \"issued\": {\"date-parts\": [[2020,]]}}\n]", 2, "trailing commas"),
            ("[\n {\"id\": \"a\",\n  \"title\": \"T\",\n }\n]", 4, "trailing commas"),
            ("[\n {\"id\": \"a\"},\n]", 3, "trailing commas"),
            ("[\n // Zotero\n {\"id\": \"a\"}\n]", 2, "comments"),
            ("[{'id': 'a'}]", 1, "double quotes"),
            ("[{id: \"a\"}]", 1, "member name"),
            ("[{\"id\" \"a\"}]", 1, "':'"),
            ("[{\"id\": \"a\"} {\"id\": \"b\"}]", 1, "','"),
            ("[{\"id\": \"a\nb\"}]", 1, "line break inside a string"),
            ("[{\"id\": \"a\\qb\"}]", 1, "not a JSON escape"),
            ("[{\"id\": \"\\u12\"}]", 1, "four hexadecimal digits"),
            ("[01]", 1, "a number with a leading zero (01) is not JSON"), ("[-007]", 1, "leading zero (-007)"), ("[1.]", 1, "decimal point"), ("[-]", 1, "digit"), ("[1e+]", 1, "exponent"),
            ("[NaN]", 1, "value was expected"), ("[tru]", 1, "value was expected"),
            ("[\n{\"id\": \"a\"}", 2, "ends inside an array"), ("[\"a", 1, "ends inside a string"),
            ("[] []", 1, "text after the end"),
            ("[\n{\"id\": \"a\", \"volume\": " + String(repeating: "9", count: 1_000_000) + "}]", 2, "a number of more than 100 characters"),
        ]
        for (text, line, reason) in broken {
            let fault = try #require(CSLValue.jsonSyntaxFault(in: text), "\(text)")
            #expect(fault.line == line, "\(text)")
            #expect(fault.reason.contains(reason), "\(text): \(fault.reason)")
        }
    }

    /// A trailing comma, which `JSONDecoder` accepts and pandoc rejects, is a `reference-invalid`
    /// error at its line; the file's items are not read.
    @Test func trailingCommaIsInvalid() {
        let text = "[\n  {\"id\": \"a\", \"title\": \"A\", \"issued\": {\"date-parts\": [[2020]]}},\n]\n"
        #expect((try? JSONDecoder().decode(CSLValue.self, from: Data(text.utf8))) != nil, "the decoder takes it")
        let (refs, diagnostics) = ReferenceLoader.load(contents: text, file: "refs.json")
        #expect(refs.isEmpty)
        #expect(diagnostics.map(\.rule) == [.referenceInvalid])
        #expect(diagnostics.first?.line == 3)
        #expect(diagnostics.first?.message == "bibliography is not valid JSON: a comma before ']' (trailing commas are not JSON)")
        // A number of a million digits: at its line, in a message of one line (it was a megabyte).
        let huge = ReferenceLoader.load(contents: "[\n {\"id\": \"a\",\n  \"PMID\": " + String(repeating: "1", count: 1_000_000) + "}]",
                                        file: "refs.json").diagnostics
        #expect(huge.map(\.line) == [3])
        #expect(huge.allSatisfy { $0.message.count < 200 })
    }

    /// A hand-edited date part `07` (rokitalab/OpenPedCan-manuscript's manual-references.json) is
    /// reported at its line and column with the cause; JSONDecoder only said "',' expected".
    @Test func aLeadingZeroIsNamedAtItsColumn() {
        let text = "[\n  {\"id\": \"a\", \"title\": \"A\",\n   \"issued\": {\"date-parts\": [[\"2025\", 07, 25]]}}\n]\n"
        let diagnostics = ReferenceLoader.load(contents: text, file: "refs.json").diagnostics
        #expect(diagnostics.map(\.rule) == [.referenceInvalid])
        #expect(diagnostics.first?.line == 3)
        #expect(diagnostics.first?.column == 39)
        #expect(diagnostics.first?.message == "bibliography is not valid JSON: a number with a leading zero (07) is not JSON")
        // The column counts UTF-8 bytes, as every finding's does.
        let accented = "[{\"id\": \"é\", \"x\": 01}]"
        #expect(CSLValue.jsonSyntaxFault(in: accented)?.column == 20)
    }

    /// The bibliography of the test fixtures reads the same both ways.
    @Test func fixtureBibliography() throws {
        let url = try #require(Bundle.module.url(forResource: "breast", withExtension: "json", subdirectory: "Fixtures/references"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let read = try #require(CSLValue.readJSON(text))
        #expect(read == Self.decoded(text))
    }
}
