import Testing
@testable import GuidelinePress

/// Relative URLs between pages: the shortcuts for common pairs give the general shortest path.
@Suite struct PageURLTests {
    static let pages: [PageID] = [.home, .questions, .pathways, .review, .notFound, .article("a"), .article("b-2"),
                                  .article("bad#x"), .page("about"), .page("articles"), .page("questions"), .page("Bad X?")]

    @Test(arguments: pages)
    func everyPairIsTheShortestPath(_ from: PageID) {
        for to in Self.pages where to != from {
            #expect(from.url(to: to) == from.relativePath(to: to), "\(from) → \(to)")
            #expect(from.url(to: to, anchor: "x") == from.relativePath(to: to) + "#x")
        }
        #expect(from.url(to: from, anchor: "top") == "#top")
        #expect(from.rootPrefix == String(repeating: "../", count: from.path.split(separator: "/").count - 1))
    }

    @Test func examples() {
        #expect(PageID.home.url(to: .article("a")) == "articles/a/index.html")
        #expect(PageID.questions.url(to: .article("a"), anchor: "dose") == "../articles/a/index.html#dose")
        #expect(PageID.page("articles").url(to: .article("a")) == "a/index.html")
        #expect(PageID.article("a").url(to: .questions) == "../../questions/index.html")
    }

    /// A file whose name is no slug keeps its page in the review build; a `#`, `?` or space in its
    /// name ended or broke the path of every link to it (second probe, seventeenth session).
    @Test func namesThatAreNoSlugArePercentEncoded() {
        #expect(PageID.article("b").url(to: .article("bad#x"), anchor: "dose") == "../bad%23x/index.html#dose")
        #expect(PageID.review.url(to: .article("Bad X?")) == "../articles/Bad%20X%3F/index.html")
        #expect(PageID.home.url(to: .article("für")) == "articles/f%C3%BCr/index.html")
        #expect(PageID.article("a-1").urlPath == "articles/a-1/index.html")
    }
}
