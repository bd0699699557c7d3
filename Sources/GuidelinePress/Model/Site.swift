/// Everything the build knows after the parse and resolve stages.
public struct Site: Sendable {
    /// `site.yaml`, or defaults.
    public var settings: SiteSettings
    /// The path of `site.yaml` as shown in diagnostics.
    public var settingsFile: String
    /// Articles sorted by slug.
    public var articles: [Article]
    /// Each article's outline, in the same order.
    public var outlines: [ArticleOutline]
    /// Pages sorted by slug.
    public var pages: [Page]
    /// Every reference of every bibliography file, in file order.
    public var references: [Reference]
    /// The bibliography files' display paths.
    public var bibliographyFiles: [String]
    /// The relations between articles.
    public var relations: Relations
    /// What each article's links lead to, in the order of its outline's ``ArticleOutline/links``
    /// (see ``resolvingLinks()``); empty until they are resolved.
    public internal(set) var resolvedLinks: [[LinkResolver.Target]] = []
    /// The files of the content folder that links and images name, other than articles and
    /// pages, by their path in the content folder, as the load stage found them (``ContentFiles``):
    /// set before the links are resolved.
    public var files: [String: ContentFile] = [:]
    /// Whether this is a small part of a larger site (a rebuild's, see ``Publisher``), where a link
    /// to an article that is not here is not known to be broken, and no "did you mean" is looked
    /// for (it would look among the wrong articles, at a cost that grows with their number).
    var isPart = false

    /// References by id (the first of duplicates wins).
    public let referencesByID: [String: Reference]
    /// The references' ids, for the lookups of every cited key (``KeyTable``).
    let referenceKeys: KeyTable<Int>
    /// Article indexes by slug.
    public let articleIndex: [String: Int]
    /// Page indexes by slug.
    public let pageIndex: [String: Int]
    /// Each page's outline, in the order of ``pages``: its headings' anchors are what links to
    /// the page's sections must name, as an article's outline is for its sections.
    public let pageOutlines: [ArticleOutline]

    /// Creates a site and its lookup tables.
    public init(settings: SiteSettings, settingsFile: String, articles: [Article], outlines: [ArticleOutline],
                pages: [Page], references: [Reference], bibliographyFiles: [String], relations: Relations = Relations()) {
        self.settings = settings
        self.settingsFile = settingsFile
        self.articles = articles
        self.outlines = outlines
        self.pages = pages
        self.references = references
        self.bibliographyFiles = bibliographyFiles
        self.relations = relations
        // By index and by key presence: iterating copies each article, and `refs[id] == nil` each reference.
        var refs: [String: Reference] = [:]
        refs.reserveCapacity(references.count)
        for r in references where refs.index(forKey: r.id) == nil { refs[r.id] = r }
        referencesByID = refs
        referenceKeys = KeyTable(firstOf: references.enumerated().map { ($0.element.id, $0.offset) })
        var ai: [String: Int] = [:]
        ai.reserveCapacity(articles.count)
        for i in articles.indices where ai[articles[i].slug] == nil { ai[articles[i].slug] = i }
        articleIndex = ai
        var pi: [String: Int] = [:]
        for (i, p) in pages.enumerated() where pi[p.slug] == nil { pi[p.slug] = i }
        pageIndex = pi
        pageOutlines = pages.map { ArticleOutline(blocks: $0.blocks) }
    }

    /// The article with this slug.
    public func article(_ slug: String) -> Article? {
        articleIndex[slug].map { articles[$0] }
    }

    /// The outline of the article with this slug.
    public func outline(_ slug: String) -> ArticleOutline? {
        articleIndex[slug].map { outlines[$0] }
    }

    /// The outline of the article or page `id` names.
    public func outline(of id: PageID) -> ArticleOutline? {
        switch id {
        case .article(let slug): outline(slug)
        case .page(let slug): pageIndex[slug].map { pageOutlines[$0] }
        default: nil
        }
    }
}

/// How articles point at each other: related lists, body links and pathway nodes.
public struct Relations: Sendable {
    /// For each slug, the articles that list it in `related` or link to it, sorted by slug.
    public var linkedFrom: [String: [String]] = [:]
    /// For each slug, the articles whose pathway has a node that targets it, sorted by slug.
    public var inPathwaysOf: [String: [String]] = [:]
    /// For each slug and heading anchor, the pathway nodes that target that heading.
    public var pathwayNodesTargeting: [String: [String: [PathwayNodeRef]]] = [:]

    /// Creates empty relations.
    public init() {}
}

/// A pathway node, named by the article that holds it and its DOM id there.
public struct PathwayNodeRef: Sendable, Hashable {
    /// The slug of the article whose pathway holds the node.
    public var article: String
    /// The node's DOM id in that article's page.
    public var domID: String
    /// The node's label.
    public var label: String
}
