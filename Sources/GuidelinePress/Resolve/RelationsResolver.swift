/// Works out which articles point at which: related lists and body links (for "questions that
/// link here") and pathway nodes (for "appears in the pathway of"). Linear in the number of links.
public enum RelationsResolver {
    /// Resolves relations between the site's articles; body links count as ``LinkResolver``
    /// resolves them (a link to a missing article or heading links nowhere).
    public static func resolve(_ site: Site) -> Relations {
        var relations = Relations()
        let articles = site.articles, outlines = site.outlines
        // Each article's targets on every core; then one pass gathers them.
        let targetsOf = ConcurrentMap.map(Array(articles.indices)) { index -> [String] in
            let article = articles[index]
            var targets = Set(article.frontMatter.related.map(\.value))
            for (link, target) in zip(outlines[index].links, site.linkTargets(ofArticle: index)) where !link.isImage {
                if case .page(.article(let slug), _) = target { targets.insert(slug) }
            }
            return targets.filter { $0 != article.slug && site.articleIndex[$0] != nil }
        }
        var linkedFrom: [String: Set<String>] = [:]
        for (article, targets) in zip(articles, targetsOf) {
            for target in targets { linkedFrom[target, default: []].insert(article.slug) }
        }
        relations.linkedFrom = linkedFrom.mapValues { $0.sorted() }

        var inPathways: [String: Set<String>] = [:]
        for (article, outline) in zip(articles, outlines) {
            outline.forEachPathwayTarget { parsed, node, target in
                let ref = PathwayNodeRef(article: article.slug, domID: parsed.domID(node.id), label: node.label)
                switch target {
                case .anchor(let anchor):
                    relations.pathwayNodesTargeting[article.slug, default: [:]][anchor, default: []].append(ref)
                case .article(let slug):
                    if slug != article.slug { inPathways[slug, default: []].insert(article.slug) }
                case .articleAnchor(let slug, let anchor):
                    relations.pathwayNodesTargeting[slug, default: [:]][anchor, default: []].append(ref)
                    if slug != article.slug { inPathways[slug, default: []].insert(article.slug) }
                }
            }
        }
        relations.inPathwaysOf = inPathways.mapValues { $0.sorted() }
        return relations
    }
}
