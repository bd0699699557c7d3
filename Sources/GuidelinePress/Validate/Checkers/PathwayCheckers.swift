/// `pathway-syntax`: a pathway line that does not parse.
public struct PathwaySyntaxChecker: ArticleChecker {
    public var rule: Rule { .pathwaySyntax }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        outline.pathways.flatMap(\.diagnostics)
    }
}

/// `pathway-target`: a pathway node without a target, or with one that does not exist.
public struct PathwayTargetChecker: ArticleChecker {
    public var rule: Rule { .pathwayTarget }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        // A pathway cut off at the most nodes or edges (a pathway-syntax error) was not read to
        // its `click` lines: its nodes' targets are not known to be missing.
        outline.pathways.filter { !$0.isCutOff }.flatMap { parsed in
            PathwayTarget.check(parsed.pathway, file: article.file.displayPath, articleSlug: article.slug,
                                anchors: { site.outline($0)?.anchors }, articleSlugs: site.articles.map(\.slug))
        }
    }
}
