/// `review-missing`: an approved article without `reviewed.by` and `reviewed.on`.
public struct ReviewMissingChecker: ArticleChecker {
    public var rule: Rule { .reviewMissing }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        let fm = article.frontMatter
        guard article.hasReadableFrontMatter, let status = fm.status, status.value == .approved else { return [] }
        var missing: [String] = []
        if fm.reviewedBy.isEmpty { missing.append("reviewed.by") }
        let onWritten = fm.keys.contains { $0.value == "reviewed.on" }
        if fm.reviewedOn == nil && !onWritten { missing.append("reviewed.on") }
        guard !missing.isEmpty else { return [] }
        return [article.diagnostic(rule, at: fm.reviewed ?? status.position,
                                   "approved article has no \(missing.joined(separator: " or "))",
                                   notes: ["name the reviewers from the board and the date of their review"])]
    }
}
