import Foundation
import Testing
@testable import GuidelinePress

/// ``PageSplice`` replaces one piece of a page only where it is sure the piece is the one to replace.
@Suite struct PageSpliceTests {
    @Test func occurrencesAreCountedWithOverlaps() {
        let page = Array("<li data-search=\"aaa\">x</li><li data-search=\"aab\">".utf8)
        #expect(PageSplice.occurrences(of: "aab", in: page) == 1)
        #expect(PageSplice.occurrences(of: "aa", in: page) == 2)
        #expect(PageSplice.occurrences(of: "zzz", in: page) == 0)
        // Overlapping: "aaa" holds "aa" twice.
        #expect(PageSplice.occurrences(of: "aa", in: Array("xaaax".utf8)) == 2)
        #expect(PageSplice.occurrences(of: "", in: page) == 2, "an empty piece is never spliced")
        var spliced = page
        PageSplice.replace("aab", with: "new text", in: &spliced)
        #expect(String(decoding: spliced, as: UTF8.self) == "<li data-search=\"aaa\">x</li><li data-search=\"new text\">")
    }

    @Test func theFirstBytesOfAPatternAreFoundWhereverTheyAre() {
        let bytes = Array("abcabcabd".utf8)
        #expect(ByteScan.firstIndex(of: Array("abd".utf8), in: bytes) == 6)
        #expect(ByteScan.firstIndex(of: Array("abc".utf8), in: bytes, from: 1) == 3)
        #expect(ByteScan.firstIndex(of: Array("abcabcabdx".utf8), in: bytes) == nil)
        #expect(ByteScan.firstIndex(of: Array("d".utf8), in: bytes) == 8)
    }

    /// The home page is spliced only when its templates show `search` once, escaped.
    @Test(arguments: [
        ("{{#questions}}<li data-search=\"{{search}}\">{{question}}</li>{{/questions}}", true),
        ("{{#questions}}<li data-search=\"{{{search}}}\">{{question}}</li>{{/questions}}", false),
        ("{{#questions}}<li data-search=\"{{search}}\" title=\"{{search}}\">{{question}}</li>{{/questions}}", false),
        ("{{#questions}}{{#search}}<li>{{question}}</li>{{/search}}{{/questions}}", false),
        ("{{#questions}}<li>{{question}}</li>{{/questions}}", false),
        ("{{#questions}}<li data-search=\"{{search}}\">{{>item}}</li>{{/questions}}", false),
        ("{{=<% %>=}}<%#questions%><li data-search=\"<%search%>\"></li><%/questions%>", false),
    ])
    func homeTemplatesThatShowTheSearchDataOnce(_ home: String, _ splices: Bool) throws {
        let engines = try CompiledTemplateTests.Engines(["home": home, "item": "<span>{{search.length}}</span>"])
        #expect(engines.templateSet.showsOnce("search", in: "home") == splices)
    }
}
