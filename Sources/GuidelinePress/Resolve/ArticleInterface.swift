/// What the rest of the site can see of one article: everything another article's page, an index
/// page, `feed.xml`, `sitemap.xml` or a checker of another file reads of it, except its summary.
///
/// A rebuild in which the changed articles keep their interface (and nothing else changed) needs
/// no other article's page, finding or link again: see ``Publisher`` and ``SiteSnapshot``. What is
/// left out is what only the article's own page and findings show (its body, where things are
/// written, its exemptions, its citations' prefixes and locators, the order of first citation) and
/// its summary, which the home page, `search.json` and `feed.xml` show and a rebuild splices in
/// (``PageSplice``).
///
/// The hash leans to caution: a field that only might be read elsewhere (reviewers, headings'
/// levels) is in it. Leaving a field out that another page reads would leave that page stale, so
/// every field of ``Article``, ``FrontMatter`` and ``ArticleOutline`` is either here or named in
/// `InterfaceTests` as the article's own.
enum ArticleInterface {
    /// The interface's hash.
    static func hash(_ article: Article, _ outline: ArticleOutline) -> UInt64 {
        var h = StableHash()
        h.combine("article interface 1")
        h.combine(article.file.relativePath)
        // A broken front matter is an error, but its shape still decides what the lists show.
        h.combine(article.frontMatterProblem.map { "\($0)" } ?? "\u{0}")
        let fm = article.frontMatter
        h.combine(fm.question?.value ?? "\u{0}")
        h.combine(fm.status?.value.rawValue ?? "\u{0}")
        combine(fm.updated?.value, into: &h)
        h.combine(fm.reviewed == nil ? "not reviewed" : "reviewed")
        h.combine("by")
        for id in fm.reviewedBy { h.combine(id.value) }
        combine(fm.reviewedOn?.value, into: &h)
        h.combine("topics")
        for topic in fm.topics { h.combine(topic.value) }
        h.combine("related")
        for slug in fm.related { h.combine(slug.value) }
        // Headings are search data, and their anchors (every anchor of the article) decide other
        // articles' links and pathway targets.
        h.combine("headings")
        for heading in outline.headings {
            h.combine(UInt64(heading.level))
            h.combine(heading.text)
            h.combine(heading.anchor)
        }
        // Links decide which articles list this one ("linked from") and link-broken's findings.
        h.combine("links")
        for link in outline.links {
            h.combine(link.isImage ? "image" : "link")
            h.combine(link.destination)
        }
        // The set of cited keys decides reference-unused (the bibliography's findings).
        h.combine("cited")
        // In any order: the sum of the keys' hashes (the keys are distinct).
        h.combine(outline.citedKeys.reduce(UInt64(outline.citedKeys.count)) { $0 &+ StableHash.of($1) })
        // Pathways are drawn on the pathways page and link other articles: an article with one is
        // never rebuilt alone (``Publisher``), so their number is all the hash needs.
        h.combine("pathways")
        h.combine(UInt64(outline.pathways.count))
        return h.value
    }

    /// The hash of what the summary shows elsewhere: the home page's search data, `search.json`
    /// and `feed.xml`.
    static func summaryHash(_ outline: ArticleOutline) -> UInt64 {
        StableHash.of(outline.summaryText)
    }

    private static func combine(_ date: ISODate?, into h: inout StableHash) {
        guard let date else { return h.combine("\u{0}") }
        h.combine(UInt64(date.year * 10_000 + date.month * 100 + date.day))
    }
}
