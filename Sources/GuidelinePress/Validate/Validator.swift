/// The validate stage: runs every checker and returns the findings in report order.
public enum Validator {
    /// One checker per rule of the contract.
    public static let checkers: [any Checker] = [
        FrontMatterMissingChecker(), FrontMatterSyntaxChecker(), FieldMissingChecker(), FieldInvalidChecker(),
        FieldUnknownChecker(), ReviewMissingChecker(), ReviewerUnknownChecker(), ReviewStaleChecker(),
        ReviewOverdueChecker(), CitationUnknownChecker(), CitationMalformedChecker(), ClaimUncitedChecker(),
        ReferenceInvalidChecker(), ReferenceDuplicateChecker(), ReferenceUnusedChecker(), RelatedUnknownChecker(),
        LinkBrokenChecker(), PathwaySyntaxChecker(), PathwayTargetChecker(), HTMLRawChecker(), URLUnsafeChecker(),
        SlugInvalidChecker(), EncodingChecker(), FileUnreadableChecker(), NestingTooDeepChecker(),
    ]

    /// The checkers that read articles' bodies, run by the parse stage before a body is dropped.
    public static let bodyCheckers: [any BodyChecker] = [ClaimUncitedChecker(), HTMLRawChecker()]

    /// Runs every checker.
    public static func validate(_ site: Site, context: ValidationContext) -> [Diagnostic] {
        // Checkers are independent: run them side by side (article checkers also split their articles).
        var all = ConcurrentMap.map(Array(checkers.indices)) { checkers[$0].check(site, context) }.flatMap { $0 }
        // Problems found while loading (site.yaml, bibliography files) come with their rule already.
        all += context.loadDiagnostics
        return Array(Set(all)).sorted(by: Diagnostic.reportOrder)
    }
}
