import Foundation

/// A changed summary put into the site-wide pages that show it, without rendering them again: the
/// home page's search data, `search.json` and `feed.xml`.
///
/// Each of those pages is the same function of every article, and each shows an article's summary
/// in one piece that depends on that article alone: its `search` value on the home page, its line
/// of `search.json`, its `<entry>` in the feed. When only summaries changed, the new page is the
/// old one with each changed article's old piece replaced by its new one. The old piece is
/// rendered from the article as it was (the article cache keeps it) and must be found exactly
/// once (on the home page and in `search.json`, where every article is; at most once in the
/// feed, which has only the latest), or nothing is spliced and the whole build renders the page.
enum PageSplice {
    /// An article whose summary changed: it and its outline before and after.
    struct Change {
        /// The article (its front matter is the same before and after).
        var article: Article
        /// Its outline in the previous build.
        var old: ArticleOutline
        /// Its outline now.
        var new: ArticleOutline
    }

    /// The pages of the previous build (`previous` reads one by path) with the summaries of
    /// `changes` spliced in, by path; `nil` when one of them cannot be spliced exactly.
    static func splicing(_ changes: [Change], renderer: SiteRenderer,
                         previous: (String) -> [UInt8]?) -> [(path: String, contents: [UInt8])]? {
        // The home page's template must show `search` once per item, escaped, and nothing else of it.
        guard renderer.templates.showsOnce("search", in: "home") else { return nil }
        var pages: [(path: String, contents: [UInt8])] = []
        for (path, required, piece) in [
            (PageID.home.path, true, { (article: Article, outline: ArticleOutline) -> String? in
                HTML.escape(renderer.homeSearch(article, outline)) }),
            ("search.json", true, { renderer.searchEntry($0, $1) }),
            ("feed.xml", false, { article, outline in
                article.frontMatter.updated.map { renderer.feedEntry(article, summary: outline.summaryText, updated: $0.value) } }),
        ] {
            guard var bytes = previous(path) else { return nil }
            var changedPage = false
            for change in changes {
                guard let old = piece(change.article, change.old), let new = piece(change.article, change.new) else { return nil }
                if old == new { continue }
                switch occurrences(of: old, in: bytes) {
                case 0 where !required:
                    continue
                case 1:
                    replace(old, with: new, in: &bytes)
                    changedPage = true
                default:
                    return nil
                }
            }
            if changedPage { pages.append((path, bytes)) }
        }
        return pages
    }

    /// How many times `needle` occurs in `bytes`, overlapping occurrences counted: 0, 1 or 2 (more).
    static func occurrences(of needle: String, in bytes: [UInt8]) -> Int {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return 2 }
        guard let first = ByteScan.firstIndex(of: pattern, in: bytes) else { return 0 }
        return ByteScan.firstIndex(of: pattern, in: bytes, from: first + 1) == nil ? 1 : 2
    }

    /// Replaces the first occurrence of `old` in `bytes` (there must be one) by `new`, in place.
    static func replace(_ old: String, with new: String, in bytes: inout [UInt8]) {
        let pattern = Array(old.utf8)
        let start = ByteScan.firstIndex(of: pattern, in: bytes)!
        bytes.replaceSubrange(start..<(start + pattern.count), with: new.utf8)
    }
}
