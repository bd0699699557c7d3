/// `link-broken`: a Markdown link to a missing article, page or anchor.
public struct LinkBrokenChecker: Checker {
    public var rule: Rule { .linkBroken }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (article, outline) in zip(site.articles, site.outlines) {
            out += check(outline.links, file: article.file, site: site)
        }
        for page in site.pages {
            out += check(ArticleOutline(blocks: page.blocks).links, file: page.file, site: site)
        }
        return out
    }

    private func check(_ links: [ArticleOutline.Link], file: SourceFile, site: Site) -> [Diagnostic] {
        links.compactMap { link in
            if link.isImage, URLSafety.scheme(of: link.destination) == nil {
                return Diagnostic(file: file.displayPath, at: link.position, rule: rule,
                                  message: "image '\(link.destination)' is not published: images from the content folder are not supported yet")
            }
            guard case .broken(let message) = LinkResolver.resolve(link.destination, from: file.relativePath, in: site) else {
                return nil
            }
            return Diagnostic(file: file.displayPath, at: link.position, rule: rule, message: "link to \(message)")
        }
    }
}
