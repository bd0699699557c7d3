import Foundation

/// Where a pathway node links to: `#anchor` (a heading of the same article), `slug` (another
/// article) or `slug#anchor` (a heading of another article).
public enum PathwayTarget: Sendable, Hashable {
    /// A heading of the article that holds the pathway.
    case anchor(String)
    /// Another article.
    case article(slug: String)
    /// A heading of another article.
    case articleAnchor(slug: String, anchor: String)

    /// Why a target string is not a target.
    public enum ParseError: Error, Sendable, Hashable {
        /// An empty target.
        case empty
        /// A URL with a scheme (`javascript:`, `https:`) or an absolute path: targets are relative.
        case notRelative
        /// A `.md` file name; the wanted slug is given.
        case markdownFile(slug: String)
        /// The part before `#` is not a slug.
        case invalidSlug(String)
        /// Nothing after `#`.
        case emptyAnchor
    }

    /// Parses a target as written in a `click` line.
    public static func parse(_ text: String) -> Result<PathwayTarget, ParseError> {
        if text.isEmpty { return .failure(.empty) }
        // In ASCII without CR (nearly every target) a byte is a character: bytes are searched
        // instead of characters, which cost 13,000 instructions a target (a page's pathway
        // parses each node's target).
        let oneByte = ByteScan.isOneBytePerCharacter(text)
        let hash = oneByte ? text.utf8.firstIndex(of: UInt8(ascii: "#")) : text.firstIndex(of: "#")
        let path = String(text[..<(hash ?? text.endIndex)])
        // A percent-encoded anchor (`#dose-mgm%C2%B2`) is read decoded, as in a body link.
        let anchor = hash.map { hash -> String in
            let anchor = String(text[text.index(after: hash)...])
            return anchor.contains("%") ? anchor.removingPercentEncoding ?? anchor : anchor
        }
        let hasWhitespace = oneByte ? text.utf8.contains { $0 == 0x20 || (0x09...0x0D).contains($0) }
                                    : text.contains(where: \.isWhitespace)
        if path.contains(":") || path.hasPrefix("/") || path.hasPrefix("\\") || hasWhitespace {
            return .failure(.notRelative)
        }
        if anchor == "" { return .failure(.emptyAnchor) }
        if path.isEmpty, let anchor { return .success(.anchor(anchor)) }
        if path.hasSuffix(".md"), isSlug(String(path.dropLast(3))) {
            return .failure(.markdownFile(slug: String(path.dropLast(3))))
        }
        guard isSlug(path) else { return .failure(.invalidSlug(path)) }
        if let anchor { return .success(.articleAnchor(slug: path, anchor: anchor)) }
        return .success(.article(slug: path))
    }

    /// Whether `s` is a slug: lowercase ASCII letters and digits in runs joined by single hyphens.
    public static func isSlug(_ s: String) -> Bool {
        var previousHyphen = true
        for b in s.utf8 {
            if b == UInt8(ascii: "-") {
                if previousHyphen { return false }
                previousHyphen = true
            } else if (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) {
                previousHyphen = false
            } else {
                return false
            }
        }
        return !previousHyphen
    }

    /// The target a `click` line's text leads to, or `nil` when it leads nowhere: it does not
    /// parse, or names an article or heading that does not exist (a `pathway-target` error).
    ///
    /// - Parameters:
    ///   - articleSlug: The slug of the article that holds the pathway (for `#anchor` targets).
    ///   - anchors: The heading anchors of an article by slug; `nil` when there is no such article.
    public static func resolve(_ text: String, articleSlug: String,
                               anchors: (_ slug: String) -> Set<String>?) -> PathwayTarget? {
        guard case .success(let target) = parse(text) else { return nil }
        let (slug, anchor): (String, String?) = switch target {
        case .anchor(let a): (articleSlug, a)
        case .article(let s): (s, nil)
        case .articleAnchor(let s, let a): (s, a)
        }
        guard let known = anchors(slug) else { return nil }
        if let anchor, !known.contains(anchor) { return nil }
        return target
    }

    /// Checks a pathway's targets (`pathway-target`): every node other than a decision has one,
    /// each is relative and well formed, and its article and anchor exist.
    ///
    /// - Parameters:
    ///   - articleSlug: The slug of the article that holds the pathway (for `#anchor` targets).
    ///   - anchors: The heading anchors of an article by slug; `nil` when there is no such article.
    ///   - articleSlugs: Every article's slug, used only to suggest a near miss for an unknown slug.
    public static func check(_ pathway: Pathway, file: String, articleSlug: String,
                             anchors: (_ slug: String) -> Set<String>?,
                             articleSlugs: @autoclosure () -> [String] = []) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func report(_ position: SourcePosition, _ message: String) {
            diagnostics.append(Diagnostic(file: file, at: position, rule: .pathwayTarget, message: message))
        }
        for node in pathway.nodes {
            guard let text = node.target else {
                if node.shape != .decision {
                    report(node.position, "node '\(node.id)' has no target; add 'click \(node.id) \"#heading\"'")
                }
                continue
            }
            let at = node.targetPosition ?? node.position
            switch parse(text) {
            case .failure(.empty):
                report(at, "empty target for node '\(node.id)'")
            case .failure(.notRelative):
                report(at, "target '\(text)' of node '\(node.id)' is not relative; use '#anchor', 'slug' or 'slug#anchor'")
            case .failure(.markdownFile(let slug)):
                report(at, "target '\(text)' of node '\(node.id)' names a file; did you mean '\(slug)'?")
            case .failure(.invalidSlug(let path)):
                report(at, "target '\(text)' of node '\(node.id)': '\(path)' is not an article slug")
            case .failure(.emptyAnchor):
                report(at, "target '\(text)' of node '\(node.id)' has an empty anchor")
            case .success(let target):
                let (slug, anchor): (String, String?) = switch target {
                case .anchor(let a): (articleSlug, a)
                case .article(let s): (s, nil)
                case .articleAnchor(let s, let a): (s, a)
                }
                guard let known = anchors(slug) else {
                    var message = "target '\(text)' of node '\(node.id)' names unknown article '\(slug)'"
                    if let near = NearMatch.suggestion(for: slug, among: articleSlugs().sorted()) {
                        message += "; did you mean '\(near)'?"
                    }
                    report(at, message)
                    continue
                }
                if let anchor, !known.contains(anchor) {
                    let place = slug == articleSlug && target == .anchor(anchor) ? "this article" : "article '\(slug)'"
                    var message = "target '\(text)' of node '\(node.id)': no heading '#\(anchor)' in \(place)"
                    if let near = NearMatch.suggestion(for: anchor, among: known.sorted()) {
                        message += "; did you mean '#\(near)'?"
                    }
                    report(at, message)
                }
            }
        }
        return diagnostics
    }
}
