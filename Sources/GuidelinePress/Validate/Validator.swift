/// The validate stage: runs every checker and returns the findings in report order.
public enum Validator {
    /// One checker per rule of the contract.
    public static let checkers: [any Checker] = [
        FrontMatterMissingChecker(), FrontMatterSyntaxChecker(), FieldMissingChecker(), FieldInvalidChecker(),
        FieldUnknownChecker(), ReviewMissingChecker(), ReviewerUnknownChecker(), ReviewStaleChecker(),
        ReviewOverdueChecker(), CitationUnknownChecker(), CitationMalformedChecker(), ClaimUncitedChecker(),
        ReferenceInvalidChecker(), ReferenceDuplicateChecker(), ReferenceUnusedChecker(), RelatedUnknownChecker(),
        LinkBrokenChecker(), PathwaySyntaxChecker(), PathwayTargetChecker(), HTMLRawChecker(), URLUnsafeChecker(),
        SlugInvalidChecker(), EncodingChecker(), FileUnreadableChecker(), NestingTooDeepChecker(), TableCellsChecker(), SummaryMissingChecker(),
        MarkdownUnsupportedChecker(), EmphasisInNumberChecker(),
    ]

    /// The checkers that read articles' bodies, run by the parse stage before a body is dropped.
    public static let bodyCheckers: [any BodyChecker] = [ClaimUncitedChecker(), HTMLRawChecker(), TableCellsChecker(), SummaryMissingChecker(),
                                                           MarkdownUnsupportedChecker(), EmphasisInNumberChecker()]

    /// Runs every checker; with `files`, the article checkers read only the articles of those
    /// files (by display path), for a caller that keeps only their findings.
    public static func validate(_ site: Site, context: ValidationContext, onlyArticles files: Set<String>? = nil) -> [Diagnostic] {
        // Checkers are independent: the site-wide ones run side by side, and the article checkers
        // all at once over chunks of articles (one pass over the articles instead of one per rule).
        var withSuggestions = context
        withSuggestions.unreadableBibliographies = context.unreadableBibliographies(of: site)
        withSuggestions.citationSuggestions = CitationUnknownChecker.suggestions(for: site, onlyArticles: files)
        withSuggestions.relatedSuggestions = RelatedUnknownChecker.suggestions(for: site, onlyArticles: files)
        // Only when a citation is unknown (and suggestions are looked for) or malformed: each id is scanned.
        withSuggestions.bracedIDs = withSuggestions.citationSuggestions?.isEmpty == false
            || site.articles.contains(where: { !$0.malformedCitations.isEmpty })
            ? BracedKeys.needingBraces(site.referencesByID.keys) : []
        let context = withSuggestions
        let articleCheckers = checkers.compactMap { $0 as? any ArticleChecker }
        let siteCheckers = checkers.filter { !($0 is any ArticleChecker) }
        let chunk = 256
        let chunks = (site.articles.count + chunk - 1) / chunk
        let jobs = siteCheckers.count + articleCheckers.count + chunks
        var all = ConcurrentMap.map(Array(0..<jobs)) { job -> [Diagnostic] in
            if job < siteCheckers.count { return siteCheckers[job].check(site, context) }
            if job < siteCheckers.count + articleCheckers.count {
                return articleCheckers[job - siteCheckers.count].checkBeyondArticles(site, context)
            }
            let first = (job - siteCheckers.count - articleCheckers.count) * chunk
            var found: [Diagnostic] = []
            // Through buffer pointers, each article and outline is lent to the checkers instead of
            // copied for each call (a fifth of validation was retaining and releasing their fields).
            site.articles.withUnsafeBufferPointer { articles in
                site.outlines.withUnsafeBufferPointer { outlines in
                    for i in first..<min(first + chunk, articles.count) {
                        if let files, !files.contains(articles[i].file.displayPath) { continue }
                        for checker in articleCheckers {
                            found += checker.check(articles[i], outline: outlines[i], site: site, context: context)
                        }
                    }
                }
            }
            return found
        }.flatMap { $0 }
        // Problems found while loading (site.yaml, bibliography files) come with their rule already.
        all += context.loadDiagnostics
        return Array(Set(all)).sorted(by: Diagnostic.reportOrder)
    }
}
