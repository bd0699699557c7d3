/// Resolves Markdown link destinations written relative to the source file
/// (`her2-gene-role.md#testing`, `#anchor`, `../pages/editorial-policy.md`) to pages of the site.
public enum LinkResolver {
    /// What a destination leads to.
    public enum Target: Sendable, Hashable {
        /// An `http`, `https`, `mailto` or other harmless external URL, not checked.
        case external(String)
        /// A `javascript:`, `vbscript:` or `data:` URL.
        case unsafe(String)
        /// A page of the site, with an optional anchor.
        case page(PageID, anchor: String?)
        /// A file of the content folder published as it is (an image), by its path in the site
        /// (``ContentFile/sitePath``).
        case file(String)
        /// Nothing: the message says what is missing.
        case broken(String)
    }

    /// Resolves `destination` written in `file` (a path relative to the content folder, such as `articles/x.md`).
    public static func resolve(_ destination: String, from file: String, in site: Site) -> Target {
        resolve(destination, from: file, in: site, anchorHint: { anchor, _, outline in anchorSuggestion(anchor, in: outline) },
                articleHint: { articleSuggestion($0, in: site) })
    }

    /// Resolves `destination` as above, with `anchorHint` giving the near miss of an anchor that
    /// the article or page (its id and outline) lacks: the caller decides whether to look for one,
    /// since each look compares the anchor with every heading of that article or page
    /// (``Site/resolve(_:)``); and `articleHint` the near miss of a slug no article has (each look
    /// compares it with every slug). An anchor of an article or a plain page is checked against
    /// its headings' anchors, the same way for both (pages' were not checked until the
    /// twenty-first session).
    static func resolve(_ destination: String, from file: String, in site: Site,
                        anchorHint: (_ anchor: String, _ page: PageID, _ outline: ArticleOutline) -> String?,
                        articleHint: (_ slug: String) -> String? = { _ in nil }) -> Target {
        switch named(destination, from: file) {
        case .external(let url): return .external(url)
        case .unsafe(let url): return .unsafe(url)
        case .invalid(let message): return .broken(message)
        case .file(let path, let written):
            // Published when the load stage examined it and found an image (``ContentFiles``).
            guard let file = site.files[path] else { return .broken("'\(written)' is not a Markdown file of the content folder") }
            if let problem = file.problem { return .broken("'\(written)' \(problem)") }
            return .file(file.sitePath)
        case .sameFile(let anchor):
            // A fragment of the same file: an article's or a page's heading.
            let from = pageID(forContentPath: file) ?? .home
            if let anchor, let outline = site.outline(of: from), !outline.anchors.contains(anchor) {
                return .broken(missingAnchor(anchor, in: from, hint: anchorHint(anchor, from, outline)))
            }
            return .page(from, anchor: anchor)
        case .article(let slug, let anchor):
            guard let index = site.articleIndex[slug] else { return .broken(missingArticle(slug, hint: articleHint(slug))) }
            // The outline read in place: this is the commonest link, and a copy retains its every field.
            if let anchor, !site.outlines[index].anchors.contains(anchor) {
                return .broken(missingAnchor(anchor, in: .article(slug), hint: anchorHint(anchor, .article(slug), site.outlines[index])))
            }
            // The article's own slug string: shared, where the one read from the link would be a copy.
            return .page(.article(site.articles[index].slug), anchor: anchor)
        case .page(let slug, let anchor):
            guard let index = site.pageIndex[slug] else {
                let hint = NearMatch.suggestion(for: slug, among: site.pageIndex.keys).map { "; did you mean '\($0).md'?" } ?? ""
                return .broken("no page '\(slug).md'\(hint)")
            }
            if let anchor, !site.pageOutlines[index].anchors.contains(anchor) {
                return .broken(missingAnchor(anchor, in: .page(slug), hint: anchorHint(anchor, .page(slug), site.pageOutlines[index])))
            }
            return .page(.page(slug), anchor: anchor)
        }
    }

    /// The article `destination`, written in `file`, names (whether or not it exists), and the anchor.
    public static func articleLink(_ destination: String, from file: String) -> (slug: String, anchor: String?)? {
        if case .article(let slug, let anchor) = named(destination, from: file) { return (slug, anchor) }
        return nil
    }

    /// The path in the content folder of the file other than Markdown that `destination`, written
    /// in `file`, names (`../images/x.png` in `articles/a.md`: `images/x.png`); `nil` for anything else.
    static func contentFilePath(_ destination: String, from file: String) -> String? {
        if case .file(let path, _) = named(destination, from: file) { return path }
        return nil
    }

    /// Whether `destination`, written in `file`, names an article, a page or a heading (whether or
    /// not it exists) rather than a file or an external address.
    static func namesPage(_ destination: String, from file: String) -> Bool {
        switch named(destination, from: file) {
        case .sameFile, .article, .page: true
        case .external, .unsafe, .file, .invalid: false
        }
    }

    /// What a destination names, before anything is looked up in a site.
    private enum Named {
        case external(String)
        case unsafe(String)
        /// A fragment of the file it is written in, or the file itself.
        case sameFile(anchor: String?)
        case article(String, anchor: String?)
        case page(String, anchor: String?)
        /// A file of the content folder that is not Markdown, by its path there, and the path as written.
        case file(String, written: String)
        /// Nothing of the content folder: the message says why.
        case invalid(String)
    }

    private static func named(_ destination: String, from file: String) -> Named {
        // The common case, `other-slug.md` or `other-slug.md#anchor` written in an article: a
        // sibling article, which needs no trimming, decoding or path normalising.
        if file.hasPrefix("articles/"), !file.utf8.dropFirst(9).contains(UInt8(ascii: "/")),
           let (slug, anchor) = plainArticleLink(destination) {
            return .article(slug, anchor: anchor)
        }
        let trimmed = destination.trimmingWhitespace(newlines: false)
        if URLSafety.isUnsafe(trimmed) { return .unsafe(trimmed) }
        if URLSafety.scheme(of: trimmed) != nil { return .external(trimmed) }
        // `//host/path` takes the scheme of the page it is on: from file:// it leads nowhere, and
        // an author means https:// (backslashes count as slashes to browsers).
        if trimmed.hasPrefix("//") || trimmed.hasPrefix("\\\\") || trimmed.hasPrefix("/\\") || trimmed.hasPrefix("\\/") {
            return .invalid("'\(trimmed)' has no scheme: write https://\(trimmed.drop { $0 == "/" || $0 == "\\" })")
        }

        let (pathPart, anchor) = split(trimmed)
        guard !pathPart.isEmpty else { return .sameFile(anchor: anchor) }
        let path = normalise(pathPart.removingPercentEncoding ?? pathPart, relativeTo: file)
        guard let path else { return .invalid("'\(pathPart)' is outside the content folder") }
        guard path.hasSuffix(".md") else { return path.isEmpty ? .invalid("'\(pathPart)' is not a file") : .file(path, written: pathPart) }
        let parts = path.dropLast(3).split(separator: "/")
        guard parts.count == 2 else { return .invalid("no article or page '\(pathPart)'") }
        switch parts[0] {
        case "articles": return .article(String(parts[1]), anchor: anchor)
        case "pages": return .page(String(parts[1]), anchor: anchor)
        default: return .invalid("no article or page '\(pathPart)'")
        }
    }

    /// `slug.md` or `slug.md#anchor` where slug and anchor are plain lowercase ASCII (letters,
    /// digits, `-`, and `_` in anchors): a sibling article, which needs no trimming, decoding or
    /// path normalising. Anything else is `nil` (left to ``LinkResolver``).
    private static func plainArticleLink(_ destination: String) -> (String, String?)? {
        let bytes = destination.utf8
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        let path = bytes[..<(hash ?? bytes.endIndex)]
        guard path.count > 3, path.suffix(3).elementsEqual(".md".utf8) else { return nil }
        let slug = path.dropLast(3)
        let isSlugByte = { (b: UInt8) in (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D }
        guard slug.allSatisfy(isSlugByte) else { return nil }
        guard let hash else { return (String(Substring(slug)), nil) }
        let anchor = bytes[bytes.index(after: hash)...]
        guard !anchor.isEmpty, anchor.allSatisfy({ isSlugByte($0) || $0 == 0x5F }) else { return nil }
        return (String(Substring(slug)), String(Substring(anchor)))
    }

    /// The page a content file becomes.
    public static func pageID(forContentPath path: String) -> PageID? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, parts[1].hasSuffix(".md") else { return nil }
        let slug = String(parts[1].dropLast(3))
        switch parts[0] {
        case "articles": return .article(slug)
        case "pages": return .page(slug)
        default: return nil
        }
    }

    /// Why a link to article `slug`, which the site does not have, is broken, with `hint` (the
    /// nearest slug) when there is one.
    static func missingArticle(_ slug: String, hint: String?) -> String {
        "no article '\(slug).md'" + (hint.map { "; did you mean '\($0).md'?" } ?? "")
    }

    /// The slug of `site` nearest to `slug`, if any; none in a part of a site, where it would be
    /// looked for among the wrong articles.
    static func articleSuggestion(_ slug: String, in site: Site) -> String? {
        site.isPart ? nil : NearMatch.suggestion(for: slug, among: site.articleIndex.keys)
    }

    /// Why a link to `anchor` of `page` (an article or a plain page, named by its file), which has
    /// no such heading, is broken, with `hint` (the nearest anchor) when there is one.
    static func missingAnchor(_ anchor: String, in page: PageID, hint: String?) -> String {
        let name: String
        switch page {
        case .article(let slug), .page(let slug): name = slug + ".md"
        default: name = page.path
        }
        return "no heading '#\(anchor)' in '\(name)'" + (hint.map { "; did you mean '#\($0)'?" } ?? "")
    }

    /// The anchor of `outline` nearest to `anchor`, if any. (``NearMatch`` breaks ties by name, so
    /// the anchors need no sorting, which cost as much as the search.)
    static func anchorSuggestion(_ anchor: String, in outline: ArticleOutline) -> String? {
        NearMatch.suggestion(for: anchor, among: outline.anchors)
    }

    private static func split(_ destination: String) -> (String, String?) {
        guard let hash = destination.firstIndex(of: "#") else { return (destination, nil) }
        let anchor = String(destination[destination.index(after: hash)...])
        return (String(destination[..<hash]), anchor.removingPercentEncoding ?? anchor)
    }

    /// Resolves `./` and `../` against the folder of `file`; `nil` when the path leaves the content folder.
    private static func normalise(_ path: String, relativeTo file: String) -> String? {
        var components = path.hasPrefix("/") ? [] : file.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if components.isEmpty { return nil }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        return components.joined(separator: "/")
    }
}
