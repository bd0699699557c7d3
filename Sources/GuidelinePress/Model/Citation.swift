/// A pandoc citation: one bracketed group `[see @a, p. 3; @b]` or one in-text `@a`.
public struct Citation: Sendable, Hashable {
    /// The cited items in order.
    public var items: [CitationItem]
    /// Whether the group was written in brackets (`[@a]`) rather than in the text (`@a`).
    public var bracketed: Bool
    /// The citation exactly as written.
    public var source: String

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
