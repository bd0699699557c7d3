/// `review-stale`: approved, but the content changed (`updated`) after the review (`reviewed.on`).
public struct ReviewStaleChecker: ArticleChecker {
    public var rule: Rule { .reviewStale }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        let fm = article.frontMatter
        guard fm.status?.value == .approved, let updated = fm.updated, let on = fm.reviewedOn,
              updated.value > on.value else { return [] }
        return [article.diagnostic(rule, at: updated.position,
                                   "updated on \(updated.value) after its review on \(on.value)",
                                   notes: ["ask the board to review the change, then set reviewed.on"])]
    }
}
