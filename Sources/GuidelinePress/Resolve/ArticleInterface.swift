/// What the rest of the site can see of one article: everything another article's page, an index
/// page, `feed.xml`, `sitemap.xml` or a checker of another file reads of it, in three hashes.
///
/// - ``hash(_:_:)``, its shape: its file, and whether its front matter could be read. A rebuild
///   in which it changed takes the whole way.
/// - ``linksHash(_:_:)``, its headings, links, related list and pathways: the anchors that other
///   articles link to, which articles show it as linking to them or leading to them in a
///   pathway, and its entries on the pathways page. A rebuild alone renders again the pages of
///   the articles it linked to and links to now, checks their findings again, and splices its
///   entries into the pathways page.
/// - ``shownHash(_:)``, its question, topics, status and date: what the lists of other pages show
///   of it. A rebuild alone renders again the pages that list it and splices the site-wide pages,
///   moving it within the lists by question when its question or topics changed.
///
/// What is left out of all three is what only the article's own page and findings show (its body,
/// where things are written, its exemptions, its citations, their prefixes and locators, its
/// reviewers and review date; which keys it cites also decides `reference-unused`, which
/// ``SiteSnapshot/citations`` lets a rebuild decide again), and its summary, which a rebuild
/// splices into the home page, `search.json` and `feed.xml` itself (``PageSplice``, ``Publisher``).
///
/// The hashes lean to caution: a field that only might be read elsewhere (headings' levels) is in
/// one. Leaving a field out that another page reads would leave that page stale, so every field of
/// ``Article``, ``FrontMatter`` and ``ArticleOutline`` is in one of them or named in
/// `ArticleInterfaceTests` as the article's own.
enum ArticleInterface {
    /// The hash of the article's shape: its file, and whether its front matter could be read.
    static func hash(_ article: Article, _ outline: ArticleOutline) -> UInt64 {
        var h = StableHash()
        h.combine("article interface 4")
        h.combine(article.file.relativePath)
        // A broken front matter is an error, but its shape still decides what the lists show.
        h.combine(article.frontMatterProblem.map { "\($0)" } ?? "\u{0}")
        // Not the cited keys: they decide only the article's own page and findings, and
        // reference-unused (the bibliography's findings), which a rebuild finds again from the
        // snapshot's count of the articles citing each key.
        return h.value
    }

    /// The hash of what decides other articles' links to it and its links to them: its headings
    /// (their anchors, every anchor of the article, are what other articles link to and pathways
    /// lead to), its links (which articles show it as linking to them; link-broken's findings),
    /// its related list (shown by the articles it names as linking to them) and its pathways
    /// (drawn on the pathways page; the articles their nodes lead to link back to them).
    static func linksHash(_ article: Article, _ outline: ArticleOutline) -> UInt64 {
        var h = StableHash()
        h.combine("article links 2")
        h.combine("related")
        for slug in article.frontMatter.related { h.combine(slug.value) }
        h.combine("headings")
        for heading in outline.headings {
            h.combine(UInt64(heading.level))
            h.combine(heading.text)
            h.combine(heading.anchor)
        }
        h.combine("links")
        for link in outline.links {
            h.combine(link.isImage ? "image" : "link")
            h.combine(link.destination)
        }
        // Pathways are drawn on the pathways page, and their nodes lead to other articles, whose
        // pages link back to them: what they show, not where they are written.
        h.combine("pathways")
        for parsed in outline.pathways {
            h.combine(parsed.idPrefix)
            h.combine(parsed.pathway.direction.rawValue)
            h.combine(UInt64(parsed.pathway.nodes.count))
            for node in parsed.pathway.nodes {
                h.combine(node.id)
                h.combine(node.label)
                h.combine(node.shape.rawValue)
                h.combine(node.target ?? "\u{0}")
            }
            h.combine(UInt64(parsed.pathway.edges.count))
            for edge in parsed.pathway.edges {
                h.combine(edge.from)
                h.combine(edge.to)
                h.combine(edge.label ?? "\u{0}")
            }
        }
        return h.value
    }

    /// The hash of what the lists of other pages show of an article: its question (the text of
    /// its item in every list, which orders the lists by question), its topics (the lists of the
    /// questions page it is in, the counts of the home page's topics), its status (a tag in the
    /// lists of the home and questions pages and of its neighbours' pages, a field of its
    /// `search.json` entry, the category of its feed entry) and its `updated` date (which every
    /// list's item has, and which orders the lists by date: see ``PageSplice``). Reviewers and the
    /// review date are in no hash: only the article's own page (and the review build's dashboard)
    /// shows them.
    static func shownHash(_ article: Article) -> UInt64 {
        var h = StableHash()
        h.combine("article shown 4")
        h.combine(article.frontMatter.question?.value ?? "\u{0}")
        h.combine("topics")
        for topic in article.frontMatter.topics { h.combine(topic.value) }
        h.combine("status")
        h.combine(article.frontMatter.status?.value.rawValue ?? "\u{0}")
        h.combine(article.frontMatter.updated?.value)
        return h.value
    }
}
