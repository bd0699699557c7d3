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

    /// The names at the root of the built site that the site writes itself (contract §6): its
    /// pages' files and folders, the generated files, and `assets/` (`review` in a review build
    /// only, `sitemap.xml` and `feed.xml` in a public build only).
    static let siteRootNames: Set<String> = [
        "index.html", "404.html", "articles", "questions", "pathways", "review", "assets",
        "search.json", "sitemap.xml", "feed.xml",
    ]

    /// Whether a page with `slug` would be written where the site writes its own files: on one
    /// of ``siteRootNames`` (`pages/questions.md`, `pages/search.json.md`), or on a name a rebuild
    /// gives one of them for a moment (`pages/index.html.publish-new.md`, `….publish-old.md`). Such a page
    /// is a slug-invalid error; a review build leaves it out rather than fail to write the site's
    /// file, or race it.
    static func isTakenBySite(pageSlug slug: String) -> Bool {
        if siteRootNames.contains(slug) { return true }
        for suffix in [SiteWriter.pendingSuffix, SiteWriter.keptSuffix] where slug.hasSuffix(suffix) {
            if siteRootNames.contains(String(slug.dropLast(suffix.count))) { return true }
        }
        return false
    }

    /// ``path`` as written in a URL: a byte other than an ASCII letter or digit, `-`, `.`, `_`, `~`
    /// or `/` percent-encoded. Only a file whose name is no slug (`bad#x.md`, `Bad X?.md`, which
    /// the review build still shows) needs it: its `#` or `?` ended the path of every link to it.
    public var urlPath: String { Self.percentEncoded(path) }

    /// `text` with every byte other than `A-Z a-z 0-9 - . _ ~ /` percent-encoded; `text` itself
    /// (no copy) when there is none.
    static func percentEncoded(_ text: String) -> String {
        func plain(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
            default: false
            }
        }
        guard !text.utf8.allSatisfy(plain) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for b in text.utf8 {
            if plain(b) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The relative prefix from this page back to the site's root (`../../` for an article).
    public var rootPrefix: String {
        switch self {
        case .home, .notFound: ""
        case .article: "../../"
        case .page, .questions, .pathways, .review: "../"
        }
    }

    /// The relative URL from this page to `other`, with an optional fragment: the shortest path
    /// between their folders (`../her2-gene-role/index.html` between two articles).
    public func url(to other: PageID, anchor: String? = nil) -> String {
        let fragment = anchor.flatMap { $0.isEmpty ? nil : "#" + $0 } ?? ""
        if other == self, !fragment.isEmpty { return fragment }
        switch (self, other) {
        case (.article, .article(let slug)):
            // The commonest case by far, between two articles: written at once (three appends of
            // `String`s cost about 550 instructions a link).
            return Self.joined("../", Self.percentEncoded(slug), "/index.html", fragment)
        case (.article, _) where other != .page("articles"), (.home, _), (.notFound, _),
             (.questions, .article), (.pathways, .article), (.review, .article):
            // Up to the root, then down: from an article to a page outside `articles/`, from the
            // root to anything, from an index page to an article (the lists of every article).
            return rootPrefix + other.urlPath + fragment
        default:
            return relativePath(to: other) + fragment
        }
    }

    /// The four strings one after the other, written into one new string.
    private static func joined(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        String(measuredLength: a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count) { out in
            out.put(a)
            out.put(b)
            out.put(c)
            out.put(d)
        }
    }

    /// The shortest relative path from this page's folder to `other`'s file.
    func relativePath(to other: PageID) -> String {
        let from = urlPath.split(separator: "/").dropLast()
        let to = other.urlPath.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let up = String(repeating: "../", count: from.count - common)
        return up + to[common...].joined(separator: "/")
    }
}
