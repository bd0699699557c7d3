/// `related-unknown`: a `related` slug that is not an article.
public struct RelatedUnknownChecker: ArticleChecker {
    public var rule: Rule { .relatedUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        article.frontMatter.related.filter { site.articleIndex[$0.value] == nil }.map { slug in
            let suggestion = context.relatedSuggestions.map { $0[slug.value] ?? "" }
                ?? didYouMean(slug.value, among: site.articleIndex.keys)
            return article.diagnostic(rule, at: slug.position, "related article '\(slug.value)' does not exist\(suggestion)")
        }
    }

    /// The most unknown slugs looked up for a "did you mean": each is compared with every slug,
    /// and thousands of them are no typos but a renamed scheme (a migration), where a suggestion
    /// would not help. As ``CitationUnknownChecker/maximumSuggestedKeys``.
    static let maximumSuggestedSlugs = 500

    /// The suggestion for each distinct unknown `related` slug of `site` (of the articles of `files`
    /// when given), each looked for once; none when there are more than ``maximumSuggestedSlugs``.
    /// Each unknown slug of each article had been compared with every slug: 50,000 of them in a
    /// site of 10,000 articles would be half a billion comparisons.
    static func suggestions(for site: Site, onlyArticles files: Set<String>?) -> [String: String] {
        var unknown = Set<String>()
        for article in site.articles {
            if let files, !files.contains(article.file.displayPath) { continue }
            for slug in article.frontMatter.related where site.articleIndex[slug.value] == nil { unknown.insert(slug.value) }
        }
        guard !unknown.isEmpty, unknown.count <= maximumSuggestedSlugs else { return [:] }
        let slugs = Array(unknown)
        let candidates = Array(site.articleIndex.keys)
        let found = ConcurrentMap.map(slugs) { didYouMean($0, among: candidates) }
        return Dictionary(uniqueKeysWithValues: zip(slugs, found))
    }
}
