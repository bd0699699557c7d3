/// `url-unsafe`: a `javascript:`, `vbscript:` or `data:` link or image.
public struct URLUnsafeChecker: Checker {
    public var rule: Rule { .urlUnsafe }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ links: [ArticleOutline.Link], file: String) {
            // Trimmed as the link resolver trims it (a no-break space before `javascript:` made the
            // resolver drop the link while this checker saw no scheme and said nothing).
            for link in links {
                let destination = link.destination.trimmingWhitespace(newlines: false)
                guard URLSafety.isUnsafe(destination) else { continue }
                let scheme = URLSafety.scheme(of: destination) ?? ""
                out.append(Diagnostic(file: file, at: link.position, rule: rule,
                                      message: "\(link.isImage ? "image" : "link") uses the unsafe scheme '\(scheme):'"))
            }
        }
        for index in site.articles.indices { check(site.outlines[index].links, file: site.articles[index].file.displayPath) }
        for page in site.pages { check(ArticleOutline(blocks: page.blocks).links, file: page.file.displayPath) }
        return out
    }
}
