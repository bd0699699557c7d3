/// `link-broken`: a Markdown link to a missing article, page or anchor (a heading of an article
/// or of a plain page, from an article or a page).
public struct LinkBrokenChecker: Checker {
    public var rule: Rule { .linkBroken }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for index in site.articles.indices {
            out += check(site.outlines[index].links, targets: site.linkTargets(ofArticle: index), file: site.articles[index].file)
        }
        for (page, outline) in zip(site.pages, site.pageOutlines) {
            out += check(outline.links, targets: site.resolve(outline.links, from: page.file), file: page.file)
        }
        return out
    }

    private func check(_ links: [ArticleOutline.Link], targets: [LinkResolver.Target], file: SourceFile) -> [Diagnostic] {
        zip(links, targets).compactMap { link, target in
            // `![x](other.md)`, `![x](#heading)`: a page is no image, whether or not it exists.
            if link.isImage, LinkResolver.namesPage(link.destination, from: file.relativePath) {
                return Diagnostic(file: file.displayPath, at: link.position, rule: rule,
                                  message: "image '\(Diagnostic.excerpt(link.destination))' names a page or a heading, not an image: "
                                    + "an image is a PNG, JPEG, GIF, WebP or AVIF file of the content folder, or an https:// address")
            }
            switch target {
            case .broken(let message):
                return Diagnostic(file: file.displayPath, at: link.position, rule: rule,
                                  message: link.isImage ? "image \(message)" : "link to \(message)")
            case .external, .unsafe, .page, .file:
                return nil
            }
        }
    }
}
