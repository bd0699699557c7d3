/// A pandoc citation: one bracketed group `[see @a, p. 3; @b]` or one in-text `@a`.
public struct Citation: Sendable, Hashable {
    /// The cited items in order.
    public var items: [CitationItem]
    /// Whether the group was written in brackets (`[@a]`) rather than in the text (`@a`).
    public var bracketed: Bool
    /// The citation exactly as written.
    public var source: String
    /// For an in-text citation (`@key`), the text right after the key up to the next space (at
    /// most ``followingLimit`` bytes), where an id that needs braces goes on:
    /// `@doi:10.1016/s1059-1311(03)00082-7` is the key `doi:10.1016/s1059-1311` followed by
    /// `(03)00082-7`. Empty in brackets, where that text is the suffix. For `citation-unknown`'s hint.
    public var following = ""
    /// The most bytes of ``following`` kept.
    public static let followingLimit = 256
    /// Links and images written in the items' prefixes and suffixes (`[see [NICE](https://…) @a]`),
    /// which the page shows as their text: kept so that `link-broken` and `url-unsafe` check them
    /// (an unsafe or broken one had gone without a finding).
    public var affixLinks: [AffixLink] = []

    /// A link or image in a prefix or suffix.
    public struct AffixLink: Sendable, Hashable {
        /// Its destination (a link) or source (an image), as written.
        public var destination: String
        public var isImage: Bool
        public var position: SourcePosition
    }

    /// Creates a citation.
    public init(items: [CitationItem], bracketed: Bool, source: String) {
        self.items = items
        self.bracketed = bracketed
        self.source = source
    }
}

/// One cited key with its prefix and locator or suffix.
public struct CitationItem: Sendable, Hashable {
    /// The key without `@` or braces.
    public var key: String
    /// Text before the key (`see`).
    public var prefix: String
    /// Text after the key, locator included (`p. 33`), without the separating comma.
    public var suffix: String
    /// Whether the author is suppressed (`-@key`).
    public var suppressAuthor: Bool
    /// Where the `@` of the key is in the Markdown file.
    public var position: SourcePosition

    /// Creates an item.
    public init(key: String, prefix: String = "", suffix: String = "", suppressAuthor: Bool = false,
                position: SourcePosition) {
        self.key = key
        self.prefix = prefix
        self.suffix = suffix
        self.suppressAuthor = suppressAuthor
        self.position = position
    }
}
