/// `citation-unknown`: a cited key that no reference has.
public struct CitationUnknownChecker: ArticleChecker {
    public var rule: Rule { .citationUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        // Each key once first: when the bibliography has them all (nearly always), no item is unknown.
        guard outline.citedKeys.contains(where: { site.referencesByID.index(forKey: $0) == nil }) else { return [] }
        return outline.citationItems.filter { site.referencesByID.index(forKey: $0.key) == nil }.map { item in
            article.diagnostic(rule, at: item.position,
                               "no reference has the key '\(item.key)'\(didYouMean(item.key, among: site.referencesByID.keys))")
        }
    }
}
