/// A page of the built site, and its URL relative to the site's root.
public enum PageID: Sendable, Hashable {
    case home
    case article(String)
    case page(String)
    case questions
    case pathways
    case review
    case notFound

    /// The path from the site's root, naming its file so that it works from `file://`.
    public var path: String {
        switch self {
        case .home: "index.html"
        case .article(let slug): "articles/\(slug)/index.html"
        case .page(let slug): "\(slug)/index.html"
        case .questions: "questions/index.html"
        case .pathways: "pathways/index.html"
        case .review: "review/index.html"
        case .notFound: "404.html"
        }
    }

    /// The relative prefix from this page back to the site's root (`../../` for an article).
    public var rootPrefix: String {
        let depth = path.split(separator: "/").count - 1
        return String(repeating: "../", count: depth)
    }

    /// The relative URL from this page to `other`, with an optional fragment.
    public func url(to other: PageID, anchor: String? = nil) -> String {
        var url = other == self ? "" : rootPrefix + other.path
        if let anchor, !anchor.isEmpty { url += "#" + anchor }
        if url.isEmpty { url = other.path.split(separator: "/").last.map(String.init) ?? "index.html" }
        return url
    }
}
