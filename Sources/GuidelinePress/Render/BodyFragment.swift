/// Body HTML rendered before the whole site is known, with holes for what depends on other
/// articles: the targets of links and images, and the pathway back-links under headings.
///
/// The parse stage renders each article's body while its tree is at hand (so the render stage
/// need not parse it again); the render stage fills the holes with ``filled(linkURL:backlinks:)``.
public struct BodyFragment: Sendable {
    /// What goes into a hole.
    public enum Hole: Sendable, Hashable {
        /// The opening `<a>` of a link (nothing when its destination leads nowhere).
        case linkOpen(destination: String, title: String)
        /// The `</a>` of the last opened link.
        case linkClose
        /// An image, or its alt text.
        case image(source: String, title: String, alt: String)
        /// The links to the pathway nodes that target the heading with this anchor.
        case pathwayBacklinks(anchor: String)
    }

    /// The HTML between the holes.
    public var html: String
    /// Each hole and its UTF-8 offset in ``html``, in order.
    public var holes: [(offset: Int, hole: Hole)]

    /// Creates a fragment.
    public init(html: String, holes: [(offset: Int, hole: Hole)]) {
        self.html = html
        self.holes = holes
    }

    /// The HTML with every hole filled, or `nil` when a link or an image does not resolve: the
    /// fragment then assumed what only a full render knows (a link that leads nowhere is shown as
    /// its text, and a citation after it takes the spaces before it away), so the caller renders
    /// the body from its tree instead.
    public func filled(linkURL: (String) -> String?, backlinks: (String) -> [(href: String, label: String)]) -> String? {
        guard !holes.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + holes.count * 48)
        let bytes = html.utf8
        var copied = bytes.startIndex
        for (offset, hole) in holes {
            let at = bytes.index(bytes.startIndex, offsetBy: offset)
            out += Substring(bytes[copied..<at])
            copied = at
            switch hole {
            case .linkOpen(let destination, let title):
                guard let href = linkURL(destination) else { return nil }
                out += BodyRenderer.linkOpenHTML(href: href, destination: destination, title: title)
            case .linkClose:
                out += "</a>"
            case .image(let source, let title, let alt):
                guard let href = linkURL(source) else { return nil }
                let image = BodyRenderer.imageHTML(href: href, source: source, title: title, alt: alt)
                // Alt text shown instead of an image may end in a space that a citation would take.
                if !image.hasPrefix("<img"), image.hasSuffix(" ") || image.hasSuffix("\n") { return nil }
                out += image
            case .pathwayBacklinks(let anchor):
                out += BodyRenderer.backlinksHTML(backlinks(anchor))
            }
        }
        out += Substring(bytes[copied...])
        return out
    }
}

/// An article's body as two fragments: the summary box and the rest.
public struct ArticleBody: Sendable {
    /// The blocks before the first heading, pathway figures aside.
    public var summary: BodyFragment
    /// The pathway figures written before the first heading, then everything from it on.
    public var main: BodyFragment
}
