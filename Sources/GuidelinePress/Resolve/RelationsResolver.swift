/// Works out which articles point at which: related lists and body links (for "questions that
/// link here") and pathway nodes (for "appears in the pathway of"). Linear in the number of links.
public enum RelationsResolver {
    /// Resolves relations between articles.
    public static func resolve(articles: [Article], outlines: [ArticleOutline]) -> Relations {
        var relations = Relations()
        let slugs = Set(articles.map(\.slug))
        // Each article's targets on every core; then one pass gathers them.
        let targetsOf = ConcurrentMap.map(Array(articles.indices)) { index -> [String] in
            let article = articles[index]
            var targets = Set(article.frontMatter.related.map(\.value))
            for link in outlines[index].links where !link.isImage {
                if let target = articleSlug(of: link.destination) { targets.insert(target) }
            }
            return targets.filter { $0 != article.slug && slugs.contains($0) }
        }
        var linkedFrom: [String: Set<String>] = [:]
        for (article, targets) in zip(articles, targetsOf) {
            for target in targets { linkedFrom[target, default: []].insert(article.slug) }
        }
        relations.linkedFrom = linkedFrom.mapValues { $0.sorted() }

        var inPathways: [String: Set<String>] = [:]
        for (article, outline) in zip(articles, outlines) {
            for parsed in outline.pathways {
                for node in parsed.pathway.nodes {
                    guard let text = node.target, case .success(let target) = PathwayTarget.parse(text) else { continue }
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
        }
        relations.inPathwaysOf = inPathways.mapValues { $0.sorted() }
        return relations
    }

    /// The article slug a Markdown link written in `articles/` points at, if any.
    static func articleSlug(of destination: String) -> String? {
        guard URLSafety.scheme(of: destination) == nil else { return nil }
        var path = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if path.hasPrefix("../articles/") { path.removeFirst("../articles/".count) }
        if path.hasPrefix("./") { path.removeFirst(2) }
        guard path.hasSuffix(".md"), !path.contains("/") else { return nil }
        return String(path.dropLast(3))
    }
}
