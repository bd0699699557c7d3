/// Every validation rule of the content contract (spec §5), by its id.
public enum Rule: String, Sendable, Codable, CaseIterable, Hashable {
    case frontMatterMissing = "front-matter-missing"
    case frontMatterSyntax = "front-matter-syntax"
    case fieldMissing = "field-missing"
    case fieldInvalid = "field-invalid"
    case fieldUnknown = "field-unknown"
    case reviewMissing = "review-missing"
    case reviewerUnknown = "reviewer-unknown"
    case reviewStale = "review-stale"
    case reviewOverdue = "review-overdue"
    case citationUnknown = "citation-unknown"
    case citationMalformed = "citation-malformed"
    case claimUncited = "claim-uncited"
    case referenceInvalid = "reference-invalid"
    case referenceDuplicate = "reference-duplicate"
    case referenceUnused = "reference-unused"
    case relatedUnknown = "related-unknown"
    case linkBroken = "link-broken"
    case pathwaySyntax = "pathway-syntax"
    case pathwayTarget = "pathway-target"
    case htmlRaw = "html-raw"
    case urlUnsafe = "url-unsafe"
    case slugInvalid = "slug-invalid"
    case encoding = "encoding"
    /// Not a rule of §5: settings in `site.yaml` that the build cannot use.
    case siteInvalid = "site-invalid"
    /// Not a rule of §5: a file that cannot be read, is too large, or links outside the content folder.
    case fileUnreadable = "file-unreadable"
    /// Not a rule of §5: lists, block quotes or emphasis nested deeper than the parser follows.
    case nestingTooDeep = "nesting-too-deep"
    /// Not a rule of §5: a table row with more cells than its header, which GFM does not show.
    case tableCells = "table-cells"
    /// Not a rule of §5: an article with nothing before its first heading, where its answer's
    /// summary goes.
    case summaryMissing = "summary-missing"
    /// Not a rule of §5: Markdown of other dialects that GFM shows as text (footnotes, GitHub alerts).
    case markdownUnsupported = "markdown-unsupported"
    /// Not a rule of §5: emphasis that starts or ends beside a digit (`2*3*4`, shown as "234"), a
    /// dose hazard.
    case emphasisInNumber = "emphasis-in-number"

    /// The severity the contract gives the rule (a rule with two severities gives the error here).
    public var defaultSeverity: Severity {
        switch self {
        case .fieldUnknown, .reviewStale, .reviewOverdue, .referenceUnused, .summaryMissing, .markdownUnsupported, .emphasisInNumber: .warning
        default: .error
        }
    }
}
