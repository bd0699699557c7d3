/// The resolve stage's links: every link of every article resolved once, on every core, for the
/// relations, the `link-broken` checker, the page keys and the pages themselves (each resolved
/// it again before, four times per link in all).
extension Site {
    /// The site with ``resolvedLinks`` filled in.
    public func resolvingLinks() -> Site {
        var site = self
        site.resolvedLinks = resolve(articles.indices.map { (outlines[$0].links, articles[$0].file) })
        return site
    }

    /// What the links of article `index` lead to, in the order of its outline's links (resolved
    /// now when the site's links were not resolved ahead).
    public func linkTargets(ofArticle index: Int) -> [LinkResolver.Target] {
        resolvedLinks.indices.contains(index) ? resolvedLinks[index] : resolve(outlines[index].links, from: articles[index].file)
    }

    /// What `links`, written in `file` (an article or a page), lead to, in order.
    public func resolve(_ links: [ArticleOutline.Link], from file: SourceFile) -> [LinkResolver.Target] {
        resolve([(links, file)])[0]
    }

    /// The most distinct missing anchors and articles looked up for a "did you mean": each is
    /// compared with every heading of its article or page (or every slug), and thousands of them are not
    /// typos but generated or pasted links (headings renamed wholesale, another tool's anchor
    /// scheme), where a suggestion would not help.
    static let maximumSuggestedLinks = 500

    /// What the links of each batch lead to, in order. The near miss of each distinct missing
    /// anchor (article or page, and anchor) and each distinct missing article is looked for once, and none
    /// is when there are more than ``maximumSuggestedLinks`` of them. Without this, every link to
    /// a missing anchor was compared with every heading of its article (4,000 of them in an article
    /// of 4,000 headings made `--check` take 22.6 s), and every link to a missing article with
    /// every slug (1,000 in a site of 3,000 articles, 1.1 s).
    func resolve(_ batches: [(links: [ArticleOutline.Link], file: SourceFile)]) -> [[LinkResolver.Target]] {
        enum Missing: Hashable, Sendable { case anchor(page: PageID, anchor: String), article(String) }
        // First without near misses, noting where each link to a missing anchor or article is.
        let resolved = ConcurrentMap.map(Array(batches.indices)) { b -> ([LinkResolver.Target], [(Int, Missing)]) in
            var missing: [(Int, Missing)] = []
            let targets = batches[b].links.indices.map { i in
                LinkResolver.resolve(batches[b].links[i].destination, from: batches[b].file.relativePath, in: self,
                                     anchorHint: { anchor, page, _ in
                                         missing.append((i, .anchor(page: page, anchor: anchor)))
                                         return nil
                                     },
                                     articleHint: { slug in
                                         missing.append((i, .article(slug)))
                                         return nil
                                     })
            }
            return (targets, missing)
        }
        var distinct = Set<Missing>()
        for (_, missing) in resolved { distinct.formUnion(missing.lazy.map(\.1)) }
        guard !distinct.isEmpty, distinct.count <= Self.maximumSuggestedLinks else { return resolved.map(\.0) }
        let keys = Array(distinct)
        let found = ConcurrentMap.map(keys) { key -> String? in
            switch key {
            case .anchor(let page, let anchor): outline(of: page).flatMap { LinkResolver.anchorSuggestion(anchor, in: $0) }
            case .article(let slug): LinkResolver.articleSuggestion(slug, in: self)
            }
        }
        let hints = Dictionary(uniqueKeysWithValues: zip(keys, found))
        return resolved.map { targets, missing in
            var targets = targets
            for (i, key) in missing {
                switch key {
                case .anchor(let page, let anchor):
                    targets[i] = .broken(LinkResolver.missingAnchor(anchor, in: page, hint: hints[key] ?? nil))
                case .article(let slug):
                    targets[i] = .broken(LinkResolver.missingArticle(slug, hint: hints[key] ?? nil))
                }
            }
            return targets
        }
    }
}
