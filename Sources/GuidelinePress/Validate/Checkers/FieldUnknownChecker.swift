/// `field-unknown`: a front-matter key the contract does not define (it catches typos such as `reviwed`).
public struct FieldUnknownChecker: ArticleChecker {
    public var rule: Rule { .fieldUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        guard article.hasReadableFrontMatter else { return [] }
        let known = FrontMatter.articleKeys + FrontMatter.reviewedKeys.map { "reviewed.\($0)" }
        return article.frontMatter.keys.filter { !known.contains($0.value) }.map { key in
            let candidates = key.value.hasPrefix("reviewed.") ? known.filter { $0.hasPrefix("reviewed.") }
                : FrontMatter.articleKeys
            return article.diagnostic(rule, at: key.position,
                                      "unknown front-matter key '\(key.value)'\(didYouMean(key.value, among: candidates))")
        }
    }
}
