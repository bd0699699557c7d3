/// `review-overdue`: an approval older than `review_interval_days`.
public struct ReviewOverdueChecker: ArticleChecker {
    public var rule: Rule { .reviewOverdue }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        let fm = article.frontMatter
        guard fm.status?.value == .approved, let on = fm.reviewedOn else { return [] }
        let age = context.today.daysSince1970 - on.value.daysSince1970
        guard age > site.settings.reviewIntervalDays else { return [] }
        return [article.diagnostic(rule, at: on.position,
                                   "review of \(on.value) is \(age) days old, past the \(site.settings.reviewIntervalDays)-day interval")]
    }
}
