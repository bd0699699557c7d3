import Foundation

/// The order of the lists by question: the home page's list of every question, each topic's list
/// on the questions page, `search.json` and the pathways page.
extension SiteRenderer {
    /// What places an article in the order by question: its question (its slug when it has none),
    /// its slug and its index in the site.
    struct QuestionPlace: Sendable {
        var question: String
        var slug: String
        var index: Int

        init(_ article: Article, index: Int) {
            (question, slug, self.index) = (article.frontMatter.question?.value ?? article.slug, article.slug, index)
        }

        /// Whether it comes before `other`: by question as the Finder sorts names (numbers by
        /// value, case aside), equal questions by slug, questions the comparison finds equivalent
        /// (they differ only in case, say) by index. A strict total order, so the sorted order is
        /// one, however it is reached.
        func precedes(_ other: QuestionPlace) -> Bool {
            if question == other.question { return slug != other.slug ? slug < other.slug : index < other.index }
            switch question.localizedStandardCompare(other.question) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return index < other.index
            }
        }
    }

    /// The indexes of `articles` sorted by question (``QuestionPlace``).
    public static func questionOrder(_ articles: [Article]) -> [Int] {
        articles.indices.sorted { precedes(articles, $0, $1) }
    }

    /// Whether article `i` comes before article `j` in ``questionOrder(_:)``.
    static func precedes(_ articles: [Article], _ i: Int, _ j: Int) -> Bool {
        QuestionPlace(articles[i], index: i).precedes(QuestionPlace(articles[j], index: j))
    }

    /// ``questionOrder(_:)`` made by mending `previous`, an order of the articles by question made
    /// before some questions changed: the articles found out of place (both of each neighbouring
    /// pair out of order) are taken out and put back where they belong. About 10,000 comparisons
    /// for 10,000 articles instead of the sort's 130,000 (a localised comparison costs
    /// microseconds). `nil` when `previous` is not an order of these articles' indexes or more
    /// than `limit` articles are out of place.
    public static func questionOrder(_ articles: [Article], mending previous: [Int], limit: Int = 256) -> [Int]? {
        guard previous.count == articles.count else { return nil }
        var seen = [Bool](repeating: false, count: articles.count)
        for i in previous {
            guard articles.indices.contains(i), !seen[i] else { return nil }
            seen[i] = true
        }
        // `kept` stays in order: each index joins it only after the one before it.
        var kept: [Int] = []
        kept.reserveCapacity(previous.count)
        var outOfPlace: [Int] = []
        for i in previous {
            if let last = kept.last, !precedes(articles, last, i) {
                kept.removeLast()
                outOfPlace += [last, i]
                if outOfPlace.count > limit { return nil }
            } else {
                kept.append(i)
            }
        }
        for i in outOfPlace {
            kept.insert(i, at: insertionPoint(of: QuestionPlace(articles[i], index: i), in: kept) { QuestionPlace(articles[$0], index: $0) }!)
        }
        return kept
    }

    /// Where `place` goes in `order`, a list of indexes in order by question, each placed by
    /// `placeOf`: by binary search, so `placeOf` is asked about log₂ of the list's length times.
    /// `nil` when `placeOf` is.
    static func insertionPoint(of place: QuestionPlace, in order: [Int], _ placeOf: (Int) -> QuestionPlace?) -> Int? {
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            guard let other = placeOf(order[middle]) else { return nil }
            if other.precedes(place) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The key of ``questionOrder(_:)``'s result: the locale (the comparison is a localised one)
    /// and each article's index, slug and question. A sum of each article's term, so that a
    /// rebuild that changes one question can key the new order without reading every article
    /// (``questionOrderKey(_:replacing:with:)``).
    public static func questionOrderKey(_ articles: [Article]) -> UInt64 {
        var key = questionOrderKeyBase
        for (i, article) in articles.enumerated() { key &+= questionOrderTerm(article, index: i) }
        return key
    }

    /// `key`, the key of an order, with article `index` once `old` and now `new`.
    static func questionOrderKey(_ key: UInt64, replacing old: Article, with new: Article, index: Int) -> UInt64 {
        key &- questionOrderTerm(old, index: index) &+ questionOrderTerm(new, index: index)
    }

    private static var questionOrderKeyBase: UInt64 { StableHash.of("question order 2 " + Locale.current.identifier) }

    private static func questionOrderTerm(_ article: Article, index: Int) -> UInt64 {
        var h = StableHash()
        h.combine(UInt64(index))
        h.combine(article.slug)
        h.combine(article.frontMatter.question?.value ?? "\u{0}")
        return h.value
    }
}
