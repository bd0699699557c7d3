import Foundation

/// Changed articles put into the site-wide pages that list them, without rendering those pages
/// again: the home page, the questions page, `search.json` and `feed.xml`.
///
/// Each of those pages shows an article in pieces that depend on that article alone (its item in
/// the home page's lists and under each of its topics on the questions page, its line of
/// `search.json`, its `<entry>` in the feed), and in their order, which a change of its summary or
/// status leaves alone (the question and date that order them are in its ``ArticleInterface``).
/// So the new page is the old one with each changed article's old pieces replaced by its new
/// ones. The old pieces are rendered from the articles as the previous build had them and must be
/// found exactly as many times as the page lists the article, or nothing is spliced and the whole
/// build renders the page. An item of a template's list is rendered only when the item alone
/// decides it (``TemplateSet/renderItem(_:ofList:in:)``).
enum PageSplice {
    /// One kind of piece: the page it is in, how to render it for an article (by index) of a
    /// renderer's site, and how many times the page shows it for an article.
    private struct Piece {
        var path: String
        var render: (SiteRenderer, Int) -> String?
        var expected: (Article) -> ClosedRange<Int>
    }

    /// The pieces of every page, by page.
    private static var pieces: [Piece] { [
        Piece(path: PageID.home.path, render: { r, i in r.templates.renderItem(r.homeQuestionItem(i), ofList: "questions", in: "home") },
              expected: { _ in 1...1 }),
        // The five most recently updated: an article is there or not, the same before and after
        // (its date is in its interface).
        Piece(path: PageID.home.path, render: { r, i in r.templates.renderItem(r.recentItem(i), ofList: "recent", in: "home") },
              expected: { _ in 0...1 }),
        // Under each of its topics, or under "Other topics".
        Piece(path: PageID.questions.path,
              render: { r, i in
                  r.templates.renderItem(r.topicQuestionItem(i) { r.articleLink($0, from: .questions) }, ofList: "questions", in: "questions")
              },
              expected: { article in let n = max(1, article.frontMatter.topics.count); return n...n }),
        Piece(path: "search.json", render: { r, i in r.searchEntry(r.site.articles[i], r.site.outlines[i]) }, expected: { _ in 1...1 }),
        // Only the latest articles are in the feed; an undated one would show the newest date.
        Piece(path: "feed.xml",
              render: { r, i in
                  let article = r.site.articles[i]
                  return article.frontMatter.updated.map { r.feedEntry(article, summary: r.site.outlines[i].summaryText, updated: $0.value) }
              },
              expected: { _ in 0...1 }),
    ] }

    /// The pages of the previous build (`previous` reads one by path) with the changed articles
    /// spliced in, by path: each change is an article's index in `old`'s site (the site as the
    /// previous build had it) and in `new`'s. `nil` when one of them cannot be spliced exactly.
    static func splicing(_ changes: [(old: Int, new: Int)], old: SiteRenderer, new: SiteRenderer,
                         previous: (String) -> [UInt8]?) -> [(path: String, contents: [UInt8])]? {
        var pages: [(path: String, contents: [UInt8])] = []
        var paths: [String] = []
        for piece in pieces where !paths.contains(piece.path) { paths.append(piece.path) }
        for path in paths {
            var bytes: [UInt8]?
            for piece in pieces where piece.path == path {
                for change in changes {
                    guard let before = piece.render(old, change.old), let after = piece.render(new, change.new) else { return nil }
                    if before == after { continue }
                    if bytes == nil { bytes = previous(path) }
                    guard var page = bytes, let found = positions(of: before, in: page),
                          piece.expected(new.site.articles[change.new]).contains(found.count) else { return nil }
                    replace(at: found, length: before.utf8.count, with: after, in: &page)
                    bytes = page
                }
            }
            if let bytes { pages.append((path, bytes)) }
        }
        return pages
    }

    /// Where `needle` occurs in `bytes`, in order; `nil` when it is empty or two occurrences
    /// overlap (then replacing them would not be replacing each).
    static func positions(of needle: String, in bytes: [UInt8]) -> [Int]? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return nil }
        var found: [Int] = []
        var from = 0
        while let at = ByteScan.firstIndex(of: pattern, in: bytes, from: from) {
            if let last = found.last, at < last + pattern.count { return nil }
            found.append(at)
            from = at + 1
        }
        return found
    }

    /// Replaces the `length` bytes at each of `positions` (ascending, not overlapping) by `new`.
    static func replace(at positions: [Int], length: Int, with new: String, in bytes: inout [UInt8]) {
        guard !positions.isEmpty else { return }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + positions.count * max(0, new.utf8.count - length))
        var start = 0
        for at in positions {
            out.append(contentsOf: bytes[start..<at])
            out.append(contentsOf: new.utf8)
            start = at + length
        }
        out.append(contentsOf: bytes[start...])
        bytes = out
    }
}
