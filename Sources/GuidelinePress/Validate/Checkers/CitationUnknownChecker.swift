/// `citation-unknown`: a cited key that no reference has.
public struct CitationUnknownChecker: ArticleChecker {
    public var rule: Rule { .citationUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        outline.citationItems.filter { site.referencesByID.index(forKey: $0.key) == nil }.map { item in
            article.diagnostic(rule, at: item.position,
                               "no reference has the key '\(item.key)'\(didYouMean(item.key, among: site.referencesByID.keys))")
        }
    }
}
