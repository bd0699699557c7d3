/// The settings of `site.yaml`.
public struct SiteSettings: Sendable, Hashable {
    /// The site's title.
    public var title = "Clinical Answers"
    /// The absolute URL the public site is served from (for the sitemap and feed only).
    public var baseURL = "https://example.org/"
    /// The language of the content (`lang` attribute).
    public var language = "en"
    /// The slug of the editorial-policy page.
    public var editorialPolicy: Located<String>?
    /// Days after which an approval is overdue.
    public var reviewIntervalDays = 365
    /// The "ask a follow-up question" link, when set.
    public var askURL: String?
    /// The disclaimer shown on every article: `site.yaml`'s, or ``defaultDisclaimer`` when it is
    /// empty (an article page without one had an empty "Professional medical disclaimer"), or
    /// absent (a `site-invalid` error, which a review build shows beside the default).
    public var disclaimer = SiteSettings.defaultDisclaimer
    /// The disclaimer of a site whose `site.yaml` gives an empty one.
    public static let defaultDisclaimer = "This information is intended for healthcare professionals. It summarises "
        + "published evidence as read by the editorial board on the date shown and does not replace clinical judgement. "
        + "Verify doses and indications against the full guideline, the product label and current local sources "
        + "before applying them in patient care."
    /// The editorial board.
    public var board: [BoardMember] = []

    /// Creates default settings.
    public init() {}

    /// The board member with this id.
    public func member(_ id: String) -> BoardMember? {
        board.first { $0.id == id }
    }
}

/// A member of the editorial board.
public struct BoardMember: Sendable, Hashable {
    /// The id that articles use in `reviewed.by`.
    public var id: String
    /// The name as shown, with degrees.
    public var name: String
    /// The member's field.
    public var role: String

    /// Creates a member.
    public init(id: String, name: String, role: String) {
        self.id = id
        self.name = name
        self.role = role
    }
}
