import Foundation
import Testing
@testable import GuidelinePress

/// ``PageSplice`` replaces one piece of a page only where it is sure the piece is the one to replace.
@Suite struct PageSpliceTests {
    @Test func positionsAreFoundAndOverlapsRefused() {
        let file = MappedFile(copying: Array("<li data-search=\"aaa\">x</li><li data-search=\"aab\">aab".utf8))
        withExtendedLifetime(file) {
            let page = file.bytes
            #expect(PageSplice.positions(of: "aab", in: page) == [45, 50])
            #expect(PageSplice.positions(of: "zzz", in: page) == [])
            #expect(PageSplice.positions(of: "aa", in: page) == nil, "\"aaa\" holds \"aa\" twice, overlapping")
            #expect(PageSplice.positions(of: "", in: page) == nil, "an empty piece is never spliced")
        }
    }

    /// The previous build's pages are mapped as they are on disk; an empty one is empty, a
    /// missing one is not there.
    @Test func pagesAreMappedAsTheyAre() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = String(repeating: "<li>é</li>\n", count: 5_000)
        try text.write(to: folder.appendingPathComponent("page.html"), atomically: false, encoding: .utf8)
        try Data().write(to: folder.appendingPathComponent("empty.html"))
        let page = try #require(MappedFile(path: folder.appendingPathComponent("page.html").path))
        withExtendedLifetime(page) { #expect(Array(page.bytes) == Array(text.utf8)) }
        #expect(MappedFile(path: folder.appendingPathComponent("empty.html").path)?.bytes.count == 0)
        #expect(MappedFile(path: folder.appendingPathComponent("missing.html").path) == nil)
    }

    /// A spliced page is its old bytes between the replaced ranges and the new pieces in them;
    /// replacements that would overlap are refused.
    @Test func aPageIsSplicedInSegments() {
        let original = Array("<li data-search=\"aaa\">x</li><li data-search=\"aab\">aab".utf8)
        var page = PageSplice.Page(path: "index.html", original: MappedFile(copying: original))
        #expect(page.bytes == original)
        do { let done = page.replace(at: [45, 50], length: 3, with: "new text"); #expect(done) }
        do { let done = page.replace(at: [0], length: 4, with: ""); #expect(done) }
        do { let done = page.replace(at: [], length: 3, with: "unused"); #expect(done) }
        #expect(String(decoding: page.bytes, as: UTF8.self) == "data-search=\"aaa\">x</li><li data-search=\"new text\">new text")
        var segments: [[UInt8]] = []
        page.forEachSegment { segments.append(Array($0)) }
        #expect(segments.count == 7 && segments.joined().elementsEqual(page.bytes))
        // Overlapping an earlier replacement, or each other.
        do { let done = page.replace(at: [47], length: 3, with: "z"); #expect(!done) }
        do { let done = page.replace(at: [2], length: 4, with: "z"); #expect(!done) }
        #expect(String(decoding: page.bytes, as: UTF8.self) == "data-search=\"aaa\">x</li><li data-search=\"new text\">new text")
    }

    /// Insertions at one place go in the order of their ranks, before a replacement that starts
    /// there; two at one place with the same rank are refused.
    @Test func insertionsAtOnePlaceGoInRankOrder() {
        var page = PageSplice.Page(path: "search.json", original: MappedFile(copying: Array("[\nA,\nZ\n]\n".utf8)))
        let z = 5
        do { let done = page.edit([(z..<z, Array("Y,\n".utf8), 9), (z..<z, Array("X,\n".utf8), 4)]); #expect(done) }
        do { let done = page.replace(at: [z], length: 1, with: "z"); #expect(done) }
        #expect(String(decoding: page.bytes, as: UTF8.self) == "[\nA,\nX,\nY,\nz\n]\n")
        do { let done = page.edit([(z..<z, Array("W,\n".utf8), 4)]); #expect(!done, "the same place and rank") }
        #expect(String(decoding: page.bytes, as: UTF8.self) == "[\nA,\nX,\nY,\nz\n]\n")
    }

    @Test func theFirstBytesOfAPatternAreFoundWhereverTheyAre() {
        let bytes = Array("abcabcabd".utf8)
        #expect(ByteScan.firstIndex(of: Array("abd".utf8), in: bytes) == 6)
        #expect(ByteScan.firstIndex(of: Array("abc".utf8), in: bytes, from: 1) == 3)
        #expect(ByteScan.firstIndex(of: Array("abcabcabdx".utf8), in: bytes) == nil)
        #expect(ByteScan.firstIndex(of: Array("d".utf8), in: bytes) == 8)
        #expect(ByteScan.firstIndex(of: Array("d".utf8), in: bytes, from: 9) == nil)
        #expect(ByteScan.firstIndex(of: Array("abd".utf8), in: bytes, from: 7) == nil)
    }

    /// The search by the pattern's rarest byte finds what a plain search finds, in texts of a few
    /// letters (so that every byte is common and patterns recur, overlapping).
    @Test func theSearchAgreesWithAPlainOne() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 97...100, using: &random) }
            let pattern = (0..<Int.random(in: 1...5, using: &random)).map { _ in UInt8.random(in: 97...100, using: &random) }
            let start = Int.random(in: 0...max(0, text.count), using: &random)
            let plain = text.count < pattern.count ? nil
                : (start...max(start, text.count - pattern.count)).first { at in
                    at + pattern.count <= text.count && Array(text[at..<(at + pattern.count)]) == pattern
                }
            #expect(ByteScan.firstIndex(of: pattern, in: text, from: start) == plain, "\(text) \(pattern) \(start)")
        }
    }

    /// An item of a list is rendered alone only when the page looks the list up once, in a plain
    /// section, and the item alone decides what the section shows for it; then the page shows
    /// exactly that for each of its items.
    @Test(arguments: [
        ("{{#questions}}<li data-search=\"{{search}}\">{{question}}</li>{{/questions}}", "<li data-search=\"b&amp;c\">Q &lt;1&gt;</li>"),
        ("<h1>{{title}}</h1>{{#questions}}<li>{{>item}}</li>\n{{/questions}}", "<li><span>Q &lt;1&gt;</span></li>\n"),
        ("{{#topics}}<h2>{{name}}</h2>{{#questions}}<li>{{question}}{{#related}} <a>{{question}}</a>{{/related}}</li>{{/questions}}{{/topics}}",
         "<li>Q &lt;1&gt; <a>R</a></li>"),
        // The page's context, which the item cannot see.
        ("{{#questions}}<li>{{question}} · {{title}}</li>{{/questions}}", nil),
        ("{{#topics}}{{#questions}}<li>{{name}}: {{question}}</li>{{/questions}}{{/topics}}", nil),
        // The list looked up twice, or not as a plain section.
        ("{{#questions}}<li>{{question}}</li>{{/questions}}{{#questions}}<p>{{question}}</p>{{/questions}}", nil),
        ("{{#questions}}<li>{{question}}</li>{{/questions}}{{^questions}}None{{/questions}}", nil),
        ("{{#questions}}<li>{{question}}</li>{{/questions}}{{questions}}", nil),
        ("{{#questions.first}}<li>{{question}}</li>{{/questions.first}}", nil),
        ("<ul>{{/questions}}", nil),
        // Not compiled.
        ("{{=<% %>=}}<%#questions%><li><%question%></li><%/questions%>", nil),
    ] as [(String, String?)])
    func itemsOfAList(_ home: String, _ item: String?) throws {
        let related: [[String: Any]] = [["question": "R", "url": "r.html"]]
        let first: [String: Any] = ["question": "Q <1>", "search": "b&c", "related": related]
        let second: [String: Any] = ["question": "Q 2", "search": "d", "related": [] as [[String: Any]]]
        guard let engines = try? CompiledTemplateTests.Engines(["home": home, "item": "<span>{{question}}</span>"]) else {
            #expect(item == nil, "does not parse")
            return
        }
        let rendered = engines.templateSet.renderItem(first, ofList: "questions", in: "home")
        #expect(rendered == item)
        guard let rendered else { return }
        // The whole page shows it once for each time it lists the item.
        let page = engines.templateSet.render("home", [
            "title": "T", "questions": [first, second],
            "topics": [["name": "A", "questions": [first, second]], ["name": "B", "questions": [first]]] as [[String: Any]],
        ])
        let count = Array(page.utf8).withUnsafeBufferPointer { PageSplice.positions(of: rendered, in: $0)?.count }
        #expect(count == (home.contains("topics") ? 2 : 1), "\(page)")
    }
}
