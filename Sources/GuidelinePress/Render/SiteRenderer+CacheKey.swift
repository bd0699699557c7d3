/// The build cache's key of an article page: a hash of everything ``SiteRenderer/renderArticle(_:)``
/// reads, so that an unchanged key means an unchanged page.
extension SiteRenderer {
    /// The key of article `index`'s page.
    ///
    /// - Parameters:
    ///   - base: The hash of what every page depends on: the tool, the build mode, the templates,
    ///     `site.yaml` and the set of pages.
    ///   - source: The hash of the article's Markdown source (front matter and body).
    public func cacheKey(_ index: Int, base: UInt64, source: UInt64) -> UInt64 {
        // Fields read through the arrays, not whole articles and outlines copied.
        let slug = site.articles[index].slug
        var h = StableHash()
        h.combine(base)
        h.combine(source)
        h.combine(slug)
        // The bibliography entries it cites, as they are printed.
        for key in site.outlines[index].citedKeys {
            h.combine(key)
            h.combine(formattedReferences[key]?.hash ?? 0)
        }
        // Its links, as resolved against the other articles' and pages' anchors (a link's URL
        // follows from its target, the page it is on being this one).
        for (link, target) in zip(site.outlines[index].links, site.linkTargets(ofArticle: index)) {
            h.combine(link.destination)
            Self.combine(target, into: &h)
        }
        // The questions, statuses and dates of the articles it lists: related, linking here, in pathways.
        h.combine("related")
        for related in site.articles[index].frontMatter.related { face(related.value, into: &h) }
        h.combine("linked-from")
        for other in site.relations.linkedFrom[slug] ?? [] { face(other, into: &h) }
        h.combine("in-pathways")
        for other in site.relations.inPathwaysOf[slug] ?? [] { face(other, into: &h) }
        // Pathway nodes (of any article) that target its headings.
        let targeting = site.relations.pathwayNodesTargeting[slug] ?? [:]
        for anchor in targeting.keys.sorted() {
            h.combine(anchor)
            for node in targeting[anchor]! {
                h.combine(node.article)
                h.combine(node.domID)
                h.combine(node.label)
            }
        }
        // Its pathways' targets that lead nowhere, drawn without a link (a heading or article of
        // another page removed changes it).
        for target in brokenPathwayTargets(index) { h.combine("broken-pathway-target"); h.combine(target) }
        // Review builds show the file's findings.
        if review != nil {
            for d in findings(for: site.articles[index].file.displayPath) { h.combine("\(d.line ?? 0):\(d.column ?? 0):\(d.severity.rawValue):\(d.rule.rawValue):\(d.message)\u{0}\(d.notes.joined(separator: "\u{0}"))") }
        }
        return h.value
    }

    /// The keys of the site-wide indexes, by path: the questions and home pages show every
    /// article's question, status, date, topics and related questions; the pathways page also
    /// draws every pathway (keyed by its article's source, and the targets that lead nowhere);
    /// `search.json` holds every article's
    /// summary and headings.
    public func indexCacheKeys(base: UInt64, sources: [UInt64]) -> [String: UInt64] {
        // Each article's share of each key on every core, then folded in article order.
        let parts = ConcurrentMap.map(Array(site.articles.indices)) { index -> (lists: UInt64, pathways: UInt64?, text: UInt64) in
            let article = site.articles[index], outline = site.outlines[index], fm = article.frontMatter
            var lists = StableHash()
            face(article.slug, into: &lists)
            lists.combine(fm.topics.map(\.value).joined(separator: "\n"))
            lists.combine(fm.related.map(\.value).joined(separator: "\n"))
            var pathways: UInt64?
            if !outline.pathways.isEmpty {
                var h = StableHash()
                face(article.slug, into: &h)
                h.combine(sources[index])
                for target in brokenPathwayTargets(index) { h.combine("broken"); h.combine(target) }
                pathways = h.value
            }
            // The home page's search data holds each article's headings and the start of its
            // summary, search.json its headings and whole summary: one hash of both serves both
            // (for the home page it covers a little more than it shows, which only costs a render).
            var text = StableHash()
            text.combine(outline.summaryText)
            for heading in outline.headings { text.combine(heading.text) }
            return (lists.value, pathways, text.value)
        }
        var lists = StableHash()
        lists.combine(base)
        var pathways = lists
        lists.combine("lists")
        pathways.combine("pathways")
        for part in parts {
            lists.combine(part.lists)
            if let p = part.pathways { pathways.combine(p) }
        }
        var home = lists, search = lists
        home.combine("home")
        search.combine("search")
        for part in parts {
            home.combine(part.text)
            search.combine(part.text)
        }
        return [PageID.questions.path: lists.value, PageID.home.path: home.value, PageID.pathways.path: pathways.value,
                "search.json": search.value]
    }

    /// What a list entry for article `slug` shows.
    private func face(_ slug: String, into h: inout StableHash) {
        h.combine(slug)
        // Through the index, reading the three fields in place rather than copying the article.
        guard let index = site.articleIndex[slug] else { return h.combine("\u{0}") }
        h.combine(site.articles[index].frontMatter.question?.value ?? "\u{0}")
        h.combine(site.articles[index].frontMatter.status?.value.rawValue ?? "\u{0}")
        h.combine(site.articles[index].frontMatter.updated?.value)
    }

    /// A resolved link's target: what its URL is made from, from a given page.
    private static func combine(_ target: LinkResolver.Target, into h: inout StableHash) {
        switch target {
        case .external(let url): h.combine("external"); h.combine(url)
        case .unsafe: h.combine("unsafe")
        case .broken: h.combine("broken")
        case .file(let path): h.combine("file"); h.combine(path)
        case .page(let page, let anchor):
            switch page {
            case .article(let slug): h.combine("article"); h.combine(slug)
            case .page(let slug): h.combine("page"); h.combine(slug)
            default: h.combine(page.path)
            }
            h.combine(anchor ?? "\u{0}")
        }
    }
}
