import Foundation
import Testing
@testable import GuidelinePress

/// ``ArticleInterface`` decides when a rebuild may leave every other page alone, so each field of
/// an article is either in it or named here as the article's own, and a new field fails this test
/// until someone decides which it is.
@Suite struct ArticleInterfaceTests {
    /// Fields that only the article's own page and findings show (or, for the summary, that a
    /// rebuild splices into the site-wide pages), by type.
    static let own: [String: Set<String>] = [
        "Article": ["blocks", "malformedCitations", "tooDeep", "bodyDropped", "bodyFindings", "exemptions"],
        "FrontMatter": ["keys", "invalid", "position"],
        "ArticleOutline": ["citationItems", "summaryText"],
    ]
    /// Fields in the interface.
    static let shared: [String: Set<String>] = [
        "Article": ["file", "frontMatter", "frontMatterProblem"],
        "FrontMatter": ["question", "status", "updated", "reviewed", "reviewedBy", "reviewedOn", "topics", "related"],
        "ArticleOutline": ["headings", "anchors", "citedKeys", "links", "pathways"],
    ]

    @Test func everyFieldIsSharedOrOwn() {
        let article = Article(file: SourceFile(kind: .article, displayPath: "a.md", relativePath: "articles/a.md", absolutePath: "/a.md"),
                              frontMatter: FrontMatter(), frontMatterProblem: nil, blocks: [], malformedCitations: [], tooDeep: [])
        for (name, value) in [("Article", article as Any), ("FrontMatter", FrontMatter()), ("ArticleOutline", ArticleOutline(blocks: []))] {
            let fields = Set(Mirror(reflecting: value).children.compactMap(\.label))
            #expect(fields == Self.own[name]!.union(Self.shared[name]!), "\(name): classify \(fields.symmetricDifference(Self.own[name]!.union(Self.shared[name]!)))")
        }
    }

    /// Each shared field changes the hash; the article's own fields and positions do not.
    @Test func sharedFieldsChangeTheHashAndOwnOnesDoNot() throws {
        let text = """
            ---
            question: What is alpha?
            status: approved
            updated: 2026-01-10
            reviewed:
              by: [xray]
              on: 2026-02-01
            topics: [greek]
            related: [beta]
            ---

            Alpha summary. [@ref-a]

            ## Use

            - Alpha works with beta; see [beta](beta.md#details). [@ref-b; @ref-a]

            """
        func hash(_ text: String) -> UInt64 {
            let file = SourceFile(kind: .article, displayPath: "Content/articles/alpha.md", relativePath: "articles/alpha.md",
                                  absolutePath: "/tmp/alpha.md")
            let (article, outline) = Publisher.parseArticle(text, file: file)
            return ArticleInterface.hash(article, outline)
        }
        let base = hash(text)
        let shared = [
            ("What is alpha?", "What is alpha now?"), ("status: approved", "status: submitted"),
            ("updated: 2026-01-10", "updated: 2026-01-11"), ("by: [xray]", "by: [yves]"), ("on: 2026-02-01", "on: 2026-02-02"),
            ("[greek]", "[latin]"), ("[beta]", "[gamma]"), ("## Use", "## Uses"), ("## Use", "### Use"),
            ("beta.md#details", "beta.md#dose"), ("[@ref-b; @ref-a]", "[@ref-b; @ref-c]"),
            ("Alpha summary. [@ref-a]\n", "Alpha summary. [@ref-a]\n\n```pathway\nflowchart TD\n  a[A]\n  click a \"#use\"\n```\n"),
        ]
        for (old, new) in shared {
            #expect(hash(text.replacingOccurrences(of: old, with: new)) != base, "\(new)")
        }
        let own = [
            ("Alpha summary.", "Alpha summary, revised."), ("Alpha works", "Alpha still works"),
            ("[@ref-b; @ref-a]", "[@ref-a; @ref-b]"), ("\n## Use", "\nMore text. [@ref-a]\n\n## Use"),
            ("[@ref-b; @ref-a]", "[@ref-b, p. 3; @ref-a]"), ("topics: [greek]", "topics: [greek]\ncolour: blue"),
        ]
        for (old, new) in own {
            #expect(hash(text.replacingOccurrences(of: old, with: new)) == base, "\(new)")
        }
    }
}
