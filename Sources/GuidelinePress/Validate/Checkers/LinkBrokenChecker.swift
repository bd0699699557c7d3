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
            if link.isImage, URLSafety.scheme(of: link.destination) == nil {
                return Diagnostic(file: file.displayPath, at: link.position, rule: rule,
                                  message: "image '\(link.destination)' is not published: only https:// and http:// images are shown "
                                    + "(images from the content folder are not supported yet)")
            }
            guard case .broken(let message) = target else { return nil }
            return Diagnostic(file: file.displayPath, at: link.position, rule: rule, message: "link to \(message)")
        }
    }
}
