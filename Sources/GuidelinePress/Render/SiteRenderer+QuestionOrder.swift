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
        /// ``sortKey(_:)`` of the question.
        var key: [UInt8]

        init(_ article: Article, index: Int) {
            (question, slug, self.index) = (article.frontMatter.question?.value ?? article.slug, article.slug, index)
            key = SiteRenderer.sortKey(question)
        }

        /// Whether it comes before `other`: by ``sortKey(_:)`` (case, accents and width aside,
        /// numbers by value), then by the question's exact bytes, then by slug, then by index.
        /// Each is compared byte by byte, so this is a strict total order whatever the text: the
        /// sorted order is one, however it is reached (sorted anew, mended, or an article put back
        /// by binary search), and it does not depend on the machine's locale.
        ///
        /// (Foundation's `localizedStandardCompare`, used until the seventh session, is not
        /// transitive on Linux: "ss 1.5 /" < "ss_" < "ß ~ _" < "ss 1.5 /". A rebuild that mended
        /// the order could then differ from a clean build.)
        func precedes(_ other: QuestionPlace) -> Bool {
            if key != other.key { return key.lexicographicallyPrecedes(other.key) }
            if !question.utf8.elementsEqual(other.question.utf8) {
                return question.utf8.lexicographicallyPrecedes(other.question.utf8)
            }
            if !slug.utf8.elementsEqual(other.slug.utf8) { return slug.utf8.lexicographicallyPrecedes(other.slug.utf8) }
            return index < other.index
        }
    }

    /// The indexes of `articles` sorted by question (``QuestionPlace``): each key made once, then
    /// compared as bytes (about 15 ms for 10,000 articles; the localised comparison sorted them in
    /// 0.6 s, 4 % of a full build).
    public static func questionOrder(_ articles: [Article]) -> [Int] {
        let places = places(articles)
        return articles.indices.sorted { places[$0].precedes(places[$1]) }
    }

    /// Each article's ``QuestionPlace``, by index: its key made once, however often it is compared.
    static func places(_ articles: [Article]) -> [QuestionPlace] {
        articles.indices.map { QuestionPlace(articles[$0], index: $0) }
    }

    /// The bytes a question is ordered by: its text folded (case, diacritics and width aside:
    /// "Érythème" as "erytheme", "ß" as "ss", "ｗｉｄｅ" as "wide") in UTF-8, each run of ASCII
    /// digits replaced by its value (a mark, the number of digits without leading zeros in two
    /// bytes, then those digits), so that "Dose 9 mg" comes before "Dose 10 mg".
    static func sortKey(_ question: String) -> [UInt8] {
        let isASCII = !ByteScan.contains(question, atLeast: 0x80, or: 0x80)
        let folded = isASCII ? question
            : question.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var key: [UInt8] = []
        key.reserveCapacity(folded.utf8.count + 4)
        var digits: [UInt8] = []
        func flushDigits() {
            guard !digits.isEmpty else { return }
            let significant = digits.drop { $0 == UInt8(ascii: "0") }
            let count = min(significant.count, Int(UInt16.max))
            // The mark is the byte of "0", which never stands for itself in a key: a mark is
            // compared only with another byte that is not a digit, or with another mark.
            key += [UInt8(ascii: "0"), UInt8(count >> 8), UInt8(count & 0xFF)]
            key += significant.prefix(count)
            digits.removeAll(keepingCapacity: true)
        }
        for byte in folded.utf8 {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte)
                continue
            }
            flushDigits()
            key.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        flushDigits()
        return key
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
        let places = places(articles)
        // `kept` stays in order: each index joins it only after the one before it.
        var kept: [Int] = []
        kept.reserveCapacity(previous.count)
        var outOfPlace: [Int] = []
        for i in previous {
            if let last = kept.last, !places[last].precedes(places[i]) {
                kept.removeLast()
                outOfPlace += [last, i]
                if outOfPlace.count > limit { return nil }
            } else {
                kept.append(i)
            }
        }
        for i in outOfPlace {
            kept.insert(i, at: insertionPoint(of: places[i], in: kept) { places[$0] }!)
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

    /// The key of ``questionOrder(_:)``'s result: each article's index, slug and question. A sum
    /// of each article's term, so that a rebuild that changes one question can key the new order
    /// without reading every article (``questionOrderKey(_:replacing:with:)``).
    public static func questionOrderKey(_ articles: [Article]) -> UInt64 {
        var key = questionOrderKeyBase
        for (i, article) in articles.enumerated() { key &+= questionOrderTerm(article, index: i) }
        return key
    }

    /// `key`, the key of an order, with article `index` once `old` and now `new`.
    static func questionOrderKey(_ key: UInt64, replacing old: Article, with new: Article, index: Int) -> UInt64 {
        key &- questionOrderTerm(old, index: index) &+ questionOrderTerm(new, index: index)
    }

    private static var questionOrderKeyBase: UInt64 { StableHash.of("question order 3") }

    private static func questionOrderTerm(_ article: Article, index: Int) -> UInt64 {
        var h = StableHash()
        h.combine(UInt64(index))
        h.combine(article.slug)
        h.combine(article.frontMatter.question?.value ?? "\u{0}")
        return h.value
    }
}
