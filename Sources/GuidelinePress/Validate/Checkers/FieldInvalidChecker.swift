/// `field-invalid`: a front-matter value of the wrong type or form.
public struct FieldInvalidChecker: ArticleChecker {
    public var rule: Rule { .fieldInvalid }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        guard article.hasReadableFrontMatter else { return [] }
        return article.frontMatter.invalid.map { article.diagnostic(rule, at: $0.position, $0.message) }
    }
}
