/// `reviewer-unknown`: a `reviewed.by` id that is not on the editorial board.
public struct ReviewerUnknownChecker: ArticleChecker {
    public var rule: Rule { .reviewerUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        let board = site.settings.board.map(\.id)
        return article.frontMatter.reviewedBy.filter { !board.contains($0.value) }.map { id in
            article.diagnostic(rule, at: id.position,
                               "reviewer '\(id.value)' is not on the editorial board\(didYouMean(id.value, among: board))")
        }
    }
}
