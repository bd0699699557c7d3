/// The resolve stage's links: every link of every article resolved once, on every core, for the
/// relations, the `link-broken` checker, the page keys and the pages themselves (each resolved
/// it again before, four times per link in all).
extension Site {
    /// The site with ``resolvedLinks`` filled in.
    public func resolvingLinks() -> Site {
        var site = self
        site.resolvedLinks = ConcurrentMap.map(Array(articles.indices)) { resolve(outlines[$0].links, from: articles[$0].file) }
        return site
    }

    /// What the links of article `index` lead to, in the order of its outline's links (resolved
    /// now when the site's links were not resolved ahead).
    public func linkTargets(ofArticle index: Int) -> [LinkResolver.Target] {
        resolvedLinks.indices.contains(index) ? resolvedLinks[index] : resolve(outlines[index].links, from: articles[index].file)
    }

    /// What `links`, written in `file` (an article or a page), lead to, in order.
    public func resolve(_ links: [ArticleOutline.Link], from file: SourceFile) -> [LinkResolver.Target] {
        links.map { LinkResolver.resolve($0.destination, from: file.relativePath, in: self) }
    }
}
