/// `citation-unknown`: a cited key that no reference has.
public struct CitationUnknownChecker: ArticleChecker {
    public var rule: Rule { .citationUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        // Each key once first: when the bibliography has them all (nearly always), no item is unknown.
        guard outline.citedKeys.contains(where: { !site.referenceKeys.contains($0) }) else { return [] }
        return outline.citationItems.filter { !site.referenceKeys.contains($0.key) }.map { item in
            article.diagnostic(rule, at: item.position,
                               "no reference has the key '\(item.key)'\(didYouMean(item.key, among: site.referencesByID.keys))")
        }
    }
}
