import Foundation

/// Changed articles put into the site-wide pages that list them, without rendering those pages
/// again: the home page, the questions page, `search.json`, `feed.xml`, `sitemap.xml` and the
/// pathways page.
///
/// Each of those pages shows an article in pieces that depend on that article alone (its item in
/// the home page's lists and under each of its topics on the questions page, its line of
/// `search.json` and of the sitemap, its `<entry>` in the feed, its entries on the pathways page),
/// in an order that a change of its summary, status or pathways leaves alone. So the new page is
/// the old one with each changed article's old pieces replaced by its new ones. The old pieces are
/// rendered from the articles as the previous build had them and must be found exactly as many
/// times as the page lists the article (for the lists by date, as the snapshot's dates place it),
/// or nothing is spliced and the whole build renders the page. An item of a template's list is
/// rendered only when the item alone decides it (``TemplateSet/renderItem(_:ofList:in:)``).
///
/// A new question can move an article within the lists by question (every question on the home
/// page and in `search.json`, each topic's on the questions page, the articles with a pathway on
/// the pathways page), and new topics or a first or last pathway can put it into such a list or
/// take it out: its old piece is taken out, and its new one put in before the piece of the article
/// that now follows it in that list (after the piece of the one before it, when it is now the
/// last), which ``Publisher`` finds (``Change/moves``, ``Change/leaves``). That article's piece is
/// found as the page shows it, under the same topic.
///
/// The lists by date are the exception: a new date can move an article into them, out of them
/// or within them. When a date changed, the home page's list of recently updated articles, the
/// sitemap's dates of the index pages and the whole feed are rendered from each renderer's site,
/// which must hold the most recently updated articles before and after (``Publisher``), and the
/// old feed must be the previous build's, byte for byte.
enum PageSplice {
    /// A changed article: its index in the site as it was and as it is, and its place in the lists
    /// by date (0 for the most recently updated; `nil` beyond the feed's length), which no date
    /// changed.
    struct Change {
        var old: Int
        var new: Int
        var place: Int?
        /// Where its item now goes in each list by question that its new question moved it in, or
        /// that its new topics or first pathway put it in (the lists it keeps its place in are not
        /// here).
        var moves: [QuestionList: Anchor] = [:]
        /// The lists its new topics or the loss of its last pathway took it out of.
        var leaves: Set<QuestionList> = []
        /// Where it goes among other moved articles put next to the same anchor (by their new
        /// order), in the lists where there are such.
        var ranks: [QuestionList: Int] = [:]
    }

    /// A topic whose count of articles changed, as the home page's list of topics shows it.
    struct TopicCount: Equatable {
        var topic: String
        var old: Int
        var new: Int
    }

    /// A list ordered by question: every question (the home page, `search.json`), one topic's (the
    /// questions page), or the articles with a pathway (the pathways page).
    enum QuestionList: Hashable, Comparable {
        case all
        case topic(String)
        /// The articles with a pathway, on the pathways page.
        case pathways
    }

    /// Where a moved article's piece goes in a list: before the piece of the article (index in
    /// both renderers' sites) that now follows it there, or after the piece of the one that now
    /// comes last.
    enum Anchor: Hashable {
        case before(Int)
        case after(Int)

        /// The article it is next to.
        var article: Int {
            switch self { case .before(let i), .after(let i): i }
        }

        /// The same place, the article's index mapped by `transform`.
        func map(_ transform: (Int) -> Int) -> Anchor {
            switch self {
            case .before(let i): .before(transform(i))
            case .after(let i): .after(transform(i))
            }
        }
    }

    /// One kind of piece of a page: how to render it for an article (by index) of a renderer's
    /// site, and how many times the page shows it for a changed article.
    private struct Piece {
        var path: String
        var render: (SiteRenderer, Int) -> String?
        var expected: (Article, Change) -> Int
        /// Whether the piece is in a list by date, which a changed date renders whole instead.
        var byDate = false
        /// For a piece in lists by question: the list of each of an article's pieces (by index in
        /// a site), in page order (as many as `expected`; none when the page does not list it).
        var lists: ((Site, Int) -> [QuestionList])?
        /// What the page writes between two pieces of a list, which moves with a moved piece.
        var separator = ""
        /// Whether a list is one of the lists of this piece's page.
        var holds: (QuestionList) -> Bool = { _ in false }
    }

    /// A piece of a page that depends on many articles, rendered from a renderer's whole site and
    /// found once; `whole` when it is the whole page.
    private struct ListPiece {
        var path: String
        var render: (SiteRenderer) -> String?
        var whole = false
    }

    /// The pieces of every page, by page.
    private static var pieces: [Piece] { [
        Piece(path: PageID.home.path, render: { r, i in r.templates.renderItem(r.homeQuestionItem(i), ofList: "questions", in: "home") },
              expected: { _, _ in 1 }, lists: { _, _ in [.all] }, holds: { $0 == .all }),
        // The most recently updated, when no date changed.
        Piece(path: PageID.home.path, render: { r, i in r.templates.renderItem(r.recentItem(i), ofList: "recent", in: "home") },
              expected: { _, change in change.place.map { $0 < SiteRenderer.recentLength ? 1 : 0 } ?? 0 }, byDate: true),
        // Under each of its topics, or under "Other topics", topics in order.
        Piece(path: PageID.questions.path,
              render: { r, i in
                  r.templates.renderItem(r.topicQuestionItem(i) { r.articleLink($0, from: .questions) }, ofList: "questions", in: "questions")
              },
              expected: { article, _ in SiteRenderer.topicLists(article).count },
              lists: { site, i in SiteRenderer.topicLists(site.articles[i]).sorted().map(QuestionList.topic) },
              holds: { if case .topic = $0 { true } else { false } }),
        Piece(path: "search.json", render: { r, i in r.searchEntry(r.site.articles[i], r.site.outlines[i]) }, expected: { _, _ in 1 },
              lists: { _, _ in [.all] }, separator: ",\n", holds: { $0 == .all }),
        // Only the latest articles are in the feed; an undated one would show the newest date.
        Piece(path: "feed.xml",
              render: { r, i in
                  let article = r.site.articles[i]
                  return article.frontMatter.updated.map { r.feedEntry(article, summary: r.site.outlines[i].summaryText, updated: $0.value) }
              },
              expected: { _, change in change.place == nil ? 0 : 1 }, byDate: true),
        Piece(path: "sitemap.xml", render: { r, i in r.sitemapEntry(r.site.articles[i]) }, expected: { _, _ in 1 }),
        // Its entries, one after another (an article without a pathway has none: nothing to splice).
        Piece(path: PageID.pathways.path,
              render: { r, i in
                  var entries = ""
                  for entry in r.pathwayEntries(i) {
                      guard let item = r.templates.renderItem(entry, ofList: "pathways", in: "pathways") else { return nil }
                      entries += item
                  }
                  return entries
              },
              expected: { _, _ in 1 }, lists: { site, i in site.outlines[i].pathways.isEmpty ? [] : [.pathways] },
              holds: { $0 == .pathways }),
    ] }

    /// The pieces that a changed date renders from the whole site, by page.
    private static var listsByDate: [ListPiece] { [
        ListPiece(path: PageID.home.path, render: { r in
            var items = ""
            for i in r.recentlyUpdated(limit: SiteRenderer.recentLength) {
                guard let item = r.templates.renderItem(r.recentItem(i), ofList: "recent", in: "home") else { return nil }
                items += item
            }
            return items
        }),
        ListPiece(path: "feed.xml", render: { r in r.feed() }, whole: true),
        ListPiece(path: "sitemap.xml", render: { r in r.sitemapIndexEntries() }),
    ] }

    /// A page of the previous build with pieces replaced: written as the old bytes between the
    /// replaced ranges and the new pieces in them, never copied into a new page whole (the
    /// questions page, the home page and `search.json` are 35 MB at 10,000 articles).
    struct Page {
        /// The page's path in the site.
        var path: String
        /// The page as the previous build wrote it (mapped: the questions page is 18 MB at 10,000
        /// articles, and is only searched and written out).
        var original: MappedFile
        /// The replaced ranges of `original`, ascending and apart, with what replaces each (and,
        /// for insertions at one place, their order there).
        var edits: [(range: Range<Int>, bytes: [UInt8], rank: Int)] = []

        /// Replaces the `length` bytes at each of `positions`, unless that would overlap an
        /// earlier replacement (then `false`, the page unchanged).
        mutating func replace(at positions: [Int], length: Int, with new: String) -> Bool {
            let bytes = Array(new.utf8)
            return edit(positions.map { (range: $0..<($0 + length), bytes: bytes, rank: 0) })
        }

        /// Replaces each range of `added` (an empty one: inserts at its place) by its bytes,
        /// unless two edits would overlap or insert at the same place with the same rank (then
        /// `false`, the page unchanged). An insertion at the start or the end of a replaced range
        /// goes before or after it; insertions at one place go in the order of their ranks.
        mutating func edit(_ added: [(range: Range<Int>, bytes: [UInt8], rank: Int)]) -> Bool {
            let all = (edits + added).sorted {
                ($0.range.lowerBound, $0.range.upperBound, $0.rank) < ($1.range.lowerBound, $1.range.upperBound, $1.rank)
            }
            for (a, b) in zip(all, all.dropFirst()) where a.range.upperBound > b.range.lowerBound || (a.range == b.range && a.rank == b.rank) {
                return false
            }
            edits = all
            return true
        }

        /// Hands the page's bytes to `body` in order: the old bytes between the edits, and each
        /// edit's bytes.
        func forEachSegment(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
            let old = original.bytes
            var start = 0
            for edit in edits {
                try body(UnsafeBufferPointer(rebasing: old[start..<edit.range.lowerBound]))
                try edit.bytes.withUnsafeBufferPointer(body)
                start = edit.range.upperBound
            }
            try body(UnsafeBufferPointer(rebasing: old[start...]))
        }

        /// The page's bytes in one array (for tests).
        var bytes: [UInt8] {
            var out: [UInt8] = []
            forEachSegment { out.append(contentsOf: $0) }
            return out
        }
    }

    /// The pages of the previous build (`previous` reads one by path) with the changed articles
    /// spliced in: `old` renders the site as the previous build had it, `new` as it is;
    /// `datesChanged` when one of the changed articles' dates changed. Every piece is looked for
    /// in the page as the previous build wrote it, and no two replaced ranges may overlap. `nil`
    /// when one of them cannot be spliced exactly.
    static func splicing(_ changes: [Change], old: SiteRenderer, new: SiteRenderer, datesChanged: Bool,
                         counts: [TopicCount] = [], pathwaysWhole: Bool = false, previous: (String) -> MappedFile?) -> [Page]? {
        var pages: [Page] = []
        var paths: [String] = []
        for piece in pieces where !paths.contains(piece.path) { paths.append(piece.path) }
        for path in paths {
            var page: Page?
            // The page as the previous build wrote it, mapped when first needed.
            func loaded() -> Bool {
                if page == nil { page = previous(path).map { Page(path: path, original: $0) } }
                return page != nil
            }
            // Where `before` is in the page: exactly `expected` times, or `nil`.
            func find(_ before: String, expected: Int) -> [Int]? {
                guard loaded(), let found = positions(of: before, in: page!.original.bytes), found.count == expected else { return nil }
                return found
            }
            // Replaces `before` (which must be found `expected` times) by `after` in the page.
            func splice(_ before: String, _ after: String, expected: Int, whole: Bool = false) -> Bool {
                if before == after { return true }
                guard let found = find(before, expected: expected), !whole || page!.original.bytes.count == before.utf8.count else {
                    return false
                }
                return page!.replace(at: found, length: before.utf8.count, with: after)
            }
            // The pathways page rendered whole, from sites that hold every article it lists.
            if pathwaysWhole && path == PageID.pathways.path {
                guard splice(String(decoding: old.renderPathways(), as: UTF8.self),
                             String(decoding: new.renderPathways(), as: UTF8.self), expected: 1, whole: true) else { return nil }
                if let page { pages.append(page) }
                continue
            }
            for piece in pieces where piece.path == path && !(datesChanged && piece.byDate) {
                for change in changes {
                    guard let before = piece.render(old, change.old), let after = piece.render(new, change.new) else { return nil }
                    let expected = piece.expected(new.site.articles[change.new], change)
                    if let lists = piece.lists, !change.moves.isEmpty || !change.leaves.isEmpty {
                        // A page that did not list it has nothing of it to find (the pathways page,
                        // for an article that had no pathway).
                        let listed = lists(old.site, change.old)
                        guard loaded(),
                              let found = listed.isEmpty ? [] : find(before, expected: piece.expected(old.site.articles[change.old], change)),
                              let edits = moving(before, after, found: found, lists: listed, change,
                                                 piece: piece, old: old, in: page!.original.bytes, find: find),
                              page!.edit(edits) else { return nil }
                    } else {
                        guard splice(before, after, expected: expected) else { return nil }
                    }
                }
            }
            // The home page's count of articles under each topic an article joined or left.
            for count in counts where path == PageID.home.path {
                guard let before = old.templates.renderItem(old.homeTopicItem(count.topic, count: count.old), ofList: "topics", in: "home"),
                      let after = new.templates.renderItem(new.homeTopicItem(count.topic, count: count.new), ofList: "topics", in: "home"),
                      splice(before, after, expected: 1) else { return nil }
            }
            for piece in listsByDate where datesChanged && piece.path == path {
                guard let before = piece.render(old), let after = piece.render(new),
                      splice(before, after, expected: 1, whole: piece.whole) else { return nil }
            }
            if let page { pages.append(page) }
        }
        return pages
    }

    /// The edits that put an article's new piece `after` in the place of its old piece `before`
    /// (found at `found`, the pieces of `lists` in order) in the lists it keeps its place in, take
    /// the old one out and put the new one at its anchor in the lists it moved in (`change.moves`),
    /// take the old one out of the lists it left (`change.leaves`), and put the new one at its
    /// anchor in the lists it joined: with the separator after it, or before it when it was or is
    /// the last. The anchor's piece is rendered by `old` and found with `find` (`nil` when not
    /// found as often as the page lists that article); `nil` when a separator is not where it must be.
    private static func moving(_ before: String, _ after: String, found: [Int], lists: [QuestionList], _ change: Change,
                               piece: Piece, old: SiteRenderer, in bytes: UnsafeBufferPointer<UInt8>,
                               find: (String, Int) -> [Int]?) -> [(range: Range<Int>, bytes: [UInt8], rank: Int)]? {
        let moves = change.moves
        guard lists.count == found.count, let listsOf = piece.lists else { return nil }
        let separator = Array(piece.separator.utf8), length = before.utf8.count
        func isSeparator(at start: Int) -> Bool {
            start >= 0 && start + separator.count <= bytes.count && bytes[start..<(start + separator.count)].elementsEqual(separator)
        }
        var edits: [(range: Range<Int>, bytes: [UInt8], rank: Int)] = []
        // In, before the first piece of the next article in that list, or after the last of the one before.
        func insert(in list: QuestionList, at anchor: Anchor) -> Bool {
            let index = anchor.article, isBefore = anchor == .before(index)
            let article = old.site.articles[index]
            let anchorLists = listsOf(old.site, index)
            guard let anchorPiece = piece.render(old, index),
                  let anchorFound = find(anchorPiece, piece.expected(article, Change(old: index, new: index, place: nil))),
                  anchorFound.count == anchorLists.count,
                  let k = isBefore ? anchorLists.firstIndex(of: list) : anchorLists.lastIndex(of: list) else { return false }
            let rank = change.ranks[list] ?? 0
            edits.append(isBefore ? (anchorFound[k]..<anchorFound[k], Array(after.utf8) + separator, rank)
                                  : ((anchorFound[k] + anchorPiece.utf8.count)..<(anchorFound[k] + anchorPiece.utf8.count),
                                     separator + Array(after.utf8), rank))
            return true
        }
        for (at, list) in zip(found, lists) {
            let anchor = moves[list]
            guard anchor != nil || change.leaves.contains(list) else {
                edits.append((at..<(at + length), Array(after.utf8), 0))
                continue
            }
            // Out, with the separator that follows it (or, the last of its list, precedes it).
            if isSeparator(at: at + length) {
                edits.append((at..<(at + length + separator.count), [], 0))
            } else if isSeparator(at: at - separator.count) {
                edits.append(((at - separator.count)..<(at + length), [], 0))
            } else {
                return nil
            }
            if let anchor, !insert(in: list, at: anchor) { return nil }
        }
        // The lists of this piece's page that it joined.
        for (list, anchor) in moves.sorted(by: { $0.key < $1.key }) where !lists.contains(list) && piece.holds(list) {
            guard insert(in: list, at: anchor) else { return nil }
        }
        return edits
    }

    /// Where `needle` occurs in `bytes`, in order; `nil` when it is empty or two occurrences
    /// overlap (then replacing them would not be replacing each).
    static func positions(of needle: String, in bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
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
}
