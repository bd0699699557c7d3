/// `related-unknown`: a `related` slug that is not an article.
public struct RelatedUnknownChecker: ArticleChecker {
    public var rule: Rule { .relatedUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        article.frontMatter.related.filter { site.articleIndex[$0.value] == nil }.map { slug in
            article.diagnostic(rule, at: slug.position,
                               "related article '\(slug.value)' does not exist\(didYouMean(slug.value, among: site.articleIndex.keys))")
        }
    }
}
