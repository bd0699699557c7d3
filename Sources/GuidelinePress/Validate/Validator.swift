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

    /// Runs every checker.
    public static func validate(_ site: Site, context: ValidationContext) -> [Diagnostic] {
        var all: [Diagnostic] = []
        for checker in checkers {
            all += checker.check(site, context)
        }
        // Problems found while loading (site.yaml, bibliography files) come with their rule already.
        all += context.loadDiagnostics
        return Array(Set(all)).sorted(by: Diagnostic.reportOrder)
    }
}
