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

    /// The HTML between the holes, as UTF-8 bytes (a body is made, spilled, read back and written
    /// into its page as bytes: each `String` made of them would be validated again).
    var bytes: [UInt8]
    /// Each hole and its UTF-8 offset in ``html``, in order.
    public var holes: [(offset: Int, hole: Hole)]

    /// The HTML between the holes.
    public var html: String { String(decoding: bytes, as: UTF8.self) }

    /// Creates a fragment.
    public init(html: String, holes: [(offset: Int, hole: Hole)]) {
        self.init(bytes: Array(html.utf8), holes: holes)
    }

    /// Creates a fragment of HTML given as UTF-8 bytes.
    init(bytes: [UInt8], holes: [(offset: Int, hole: Hole)]) {
        self.bytes = bytes
        self.holes = holes
    }

    /// The HTML with every hole filled, or `nil` when a link or an image does not resolve: the
    /// fragment then assumed what only a full render knows (a link that leads nowhere is shown as
    /// its text, and a citation after it takes the spaces before it away), so the caller renders
    /// the body from its tree instead.
    public func filled(linkURL: (String) -> String?, backlinks: (String) -> [(href: String, label: String)]) -> String? {
        filledBytes(linkURL: linkURL, backlinks: backlinks).map(\.description)
    }

    /// ``filled(linkURL:backlinks:)`` as bytes, for a page's template.
    func filledBytes(linkURL: (String) -> String?, backlinks: (String) -> [(href: String, label: String)]) -> HTMLBytes? {
        guard !holes.isEmpty else { return HTMLBytes(bytes: bytes) }
        var out = HTMLWriter(capacity: bytes.count + holes.count * 48)
        var copied = 0
        for (offset, hole) in holes {
            out.write(bytes: bytes[copied..<offset])
            copied = offset
            switch hole {
            case .linkOpen(let destination, let title):
                guard let href = linkURL(destination) else { return nil }
                out.write(BodyRenderer.linkOpenHTML(href: href, destination: destination, title: title))
            case .linkClose:
                out.write("</a>")
            case .image(let source, let title, let alt):
                guard let href = linkURL(source) else { return nil }
                let image = BodyRenderer.imageHTML(href: href, source: source, title: title, alt: alt)
                // Alt text shown instead of an image may end in a space that a citation would take.
                if !image.hasPrefix("<img"), image.hasSuffix(" ") || image.hasSuffix("\n") { return nil }
                out.write(image)
            case .pathwayBacklinks(let anchor):
                out.write(BodyRenderer.backlinksHTML(backlinks(anchor)))
            }
        }
        out.write(bytes: bytes[copied...])
        return HTMLBytes(bytes: out.bytes)
    }
}

/// An article's body as two fragments: the summary box and the rest.
public struct ArticleBody: Sendable {
    /// The blocks before the first heading, pathway figures aside.
    public var summary: BodyFragment
    /// The pathway figures written before the first heading, then everything from it on.
    public var main: BodyFragment
}
