/// `url-unsafe`: a `javascript:`, `vbscript:` or `data:` link or image.
public struct URLUnsafeChecker: Checker {
    public var rule: Rule { .urlUnsafe }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let files = zip(site.articles, site.outlines).map { ($0.file.displayPath, $1.links) }
            + site.pages.map { ($0.file.displayPath, ArticleOutline(blocks: $0.blocks).links) }
        for (file, links) in files {
            for link in links where URLSafety.isUnsafe(link.destination) {
                let scheme = URLSafety.scheme(of: link.destination) ?? ""
                out.append(Diagnostic(file: file, at: link.position, rule: rule,
                                      message: "\(link.isImage ? "image" : "link") uses the unsafe scheme '\(scheme):'"))
            }
        }
        return out
    }
}
