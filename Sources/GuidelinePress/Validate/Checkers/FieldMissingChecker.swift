/// `field-missing`: `question`, `status` or `updated` is absent.
public struct FieldMissingChecker: ArticleChecker {
    public var rule: Rule { .fieldMissing }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        guard article.hasReadableFrontMatter else { return [] }
        let fm = article.frontMatter
        let written = Set(fm.keys.map(\.value))
        var out: [Diagnostic] = []
        for key in ["question", "status", "updated"] where !written.contains(key) {
            out.append(article.diagnostic(rule, at: SourcePosition(line: 1, column: 1),
                                          "required field '\(key)' is missing"))
        }
        return out
    }
}
