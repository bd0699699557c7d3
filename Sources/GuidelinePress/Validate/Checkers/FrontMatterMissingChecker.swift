/// `front-matter-missing`: an article has no front matter block.
public struct FrontMatterMissingChecker: ArticleChecker {
    public var rule: Rule { .frontMatterMissing }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        guard article.frontMatterProblem == .missing else { return [] }
        return [article.diagnostic(rule, at: SourcePosition(line: 1, column: 1),
                                   "article has no front matter block",
                                   notes: ["start the file with '---', the question, status and updated date, and '---'"])]
    }
}
