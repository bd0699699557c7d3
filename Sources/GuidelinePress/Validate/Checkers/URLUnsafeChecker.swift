/// `url-unsafe`: a `javascript:`, `vbscript:` or `data:` link or image, or one with any scheme
/// but `http`, `https`, `mailto` and `tel` (``URLSafety/allowedSchemes``).
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
                let what = link.isImage ? "image" : "link"
                out.append(Diagnostic(file: file, at: link.position, rule: rule,
                                      message: URLSafety.unsafeSchemes.contains(scheme)
                                        ? "\(what) uses the unsafe scheme '\(scheme):'"
                                        : "\(what) uses the scheme '\(scheme):', which a page may not link to "
                                            + "(links use http, https, mailto or tel)"))
            }
        }
        for index in site.articles.indices { check(site.outlines[index].links, file: site.articles[index].file.displayPath) }
        for (page, outline) in zip(site.pages, site.pageOutlines) { check(outline.links, file: page.file.displayPath) }
        return out
    }
}
